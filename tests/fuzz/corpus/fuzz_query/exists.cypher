MATCH (p:Person) WHERE EXISTS { MATCH (p)-[r]->(x) WITH x, count(r) AS c WHERE c > 0 RETURN x } AND NOT (p)-[:meet]->(:Place) RETURN p.name, [(p)-->(y) | y.name] AS ys
