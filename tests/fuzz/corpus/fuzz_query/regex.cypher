MATCH (n) WHERE n.name =~ '(?i)s.*v' OR n.name =~ '^[A-Z][a-z]+\\s(\\w+)$' RETURN n.name, 'aaa' =~ '(a+)+b', 'x' =~ '(?s).'
