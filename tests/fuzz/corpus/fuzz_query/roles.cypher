// Who holds which role where: relations named ..._of between a person and a place or organization.
MATCH (p:Person)-[r]->(x)
WHERE type(r) ENDS WITH '_of' AND (x:Place OR x:Organization)
RETURN p.name AS person, type(r) AS role, x.name AS of
ORDER BY person, role;
