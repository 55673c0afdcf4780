WITH date('2022-04-26') AS d, datetime('2022-04-26T10:15:30+02:00') AS t RETURN d + duration('P1M2D'), t.year, duration.between(d, date('2023-01-01')), localtime('12:00')
