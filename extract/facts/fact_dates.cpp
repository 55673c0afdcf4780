// When each fact happened: its clause's time expression, read against the article's date.
#include "extract/facts/facts.h"
#include "extract/text/dates.h"

namespace kg::extract {

void date_facts(DocumentFacts& doc) {
  for (Fact& f : doc.facts) {
    f.date = f.time.empty() ? "" : normalize_date(f.time, doc.date, f.tense);
    if (f.date.empty() || f.date.find('X') != std::string::npos) f.date = doc.date;
  }
}

}  // namespace kg::extract
