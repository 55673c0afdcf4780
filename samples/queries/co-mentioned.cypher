// Which articles mention both Antonio Guterres and Sergei Lavrov, and when they were seen.
MATCH (a:Person {name: 'Antonio Guterres'})-[:MENTIONED_IN]->(article:Article)
      <-[:MENTIONED_IN]-(b:Person {name: 'Sergei Lavrov'})
RETURN article.id AS article, article.title AS title;

// The people mentioned in most articles.
MATCH (p:Person)-[m:MENTIONED_IN]->(:Article)
RETURN p.name AS person, count(*) AS articles, sum(m.count) AS mentions
ORDER BY articles DESC, mentions DESC, person
LIMIT 5;
