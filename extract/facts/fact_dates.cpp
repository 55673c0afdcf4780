// When each fact happened: its clause's time expression, read against the article's date.
#include <string_view>

#include "extract/facts/facts.h"
#include "extract/text/dates.h"

namespace kg::extract {

namespace {

// A clause whose modal looks ahead ("will meet", "is due to sign", "plans to visit") puts a
// bare weekday or month after the article date, not before it.
bool speaks_of_future(std::string_view modality) {
  for (std::string_view m :
       {"will", "shall", "'ll", "wo", "due", "going", "set", "plan", "expect", "intend", "aim"})
    if (modality == m) return true;
  return false;
}

}  // namespace

void date_facts(DocumentFacts& doc) {
  for (Fact& f : doc.facts) {
    f.date = f.time.empty() ? "" : normalize_date(f.time, doc.date, speaks_of_future(f.modality));
    if (f.date.empty() || f.date.find('X') != std::string::npos) f.date = doc.date;
  }
}

}  // namespace kg::extract
