// Time expressions in news text, normalized against the article's date the way TIMEX3 values are
// (SUTime and HeidelTime do this for news): "on Tuesday" in an article of Thursday 2022-04-28 is
// "2022-04-26", "last week" "2022-W16", "in April" "2022-04", "in 2019" "2019", "the 1990s" "199".
// A weekday points back from the article date unless the sentence speaks of the future (will,
// shall, 'll, going to, due to ...). A month or a day of a month without a year is the one
// nearest the article date, unless the tense says which side: past tense points back, future
// ahead ("the Budget, earmarked for 23 March" in February 2005 is 2005-03-23).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::extract {

// The tense a date is read in: unknown (present, perfect, no verb), past or future.
enum class Tense : uint8_t { unknown, past, future };

struct DateExpression {
  uint32_t begin = 0, end = 0;  // byte span in the text (prepositions such as "on" left out)
  std::string value;            // ISO/TIMEX3 value; "XXXX-04-28" when the year is not known
};

// Every time expression of `text` that can be given a value; `reference` is the article date
// ("YYYY-MM-DD", or "" when unknown: then only expressions that carry their own year, and
// month-day ones as "XXXX-MM-DD", are found). The tense of each is read from the words around it.
std::vector<DateExpression> find_dates(std::string_view text, std::string_view reference);

// The value of the first time expression in `expression` (a fact's time: "on Tuesday"), or "",
// read in `tense` (a fact's: from its clause's verb).
std::string normalize_date(std::string_view expression, std::string_view reference,
                           Tense tense = Tense::unknown);

// The date a dateline at the very start of an article gives ("MOSCOW, Thursday, April 28, 2022
// (AP) -", "Saturday, October 9, 2010"), as YYYY-MM-DD, or "".
std::string dateline_date(std::string_view text);

}  // namespace kg::extract
