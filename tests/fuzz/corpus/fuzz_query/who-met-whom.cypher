// Who met whom, and how many sentences say so.
MATCH (a:Person)-[r:meet]->(b:Person)
RETURN a.name AS who, b.name AS met, r.count AS sentences
ORDER BY who, met;
