// How two people are connected: the shortest chain of relations, either direction.
MATCH p = shortestPath((a:Person {name: 'Martin Griffiths'})-[*..6]-(b:Person {name: 'Vladimir Putin'}))
RETURN [n IN nodes(p) | n.name] AS chain, [r IN relationships(p) | type(r)] AS relations;
