PROFILE MATCH (a:Person)-[r:meet|visit*1..2]->(b) WHERE a.name <> b.name WITH a, count(b) AS c RETURN a.name, c
