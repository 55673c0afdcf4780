CALL db.labels() YIELD label WITH label CALL kg.search('antonio guteres') YIELD node, score RETURN label, node.name, score ORDER BY score DESC
