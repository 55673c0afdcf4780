// The sentences behind what Guterres did: any alias anchors the match.
MATCH (g:Person {name: 'Guterres'})-[r]->(x)
RETURN type(r) AS relation, x.name AS other, r.confidence AS confidence, r.sentences AS sentences
ORDER BY relation, other;
