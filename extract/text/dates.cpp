#include "extract/text/dates.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "base/ascii.h"
#include "base/temporal.h"

namespace kg::extract {

namespace {

struct Word {
  uint32_t begin = 0, end = 0;
  std::string lower;  // letters lowercased; digits with their suffix ("28th", "1990s")
  bool capital = false;
  enum Kind { alpha, number, punct } kind = alpha;
  int64_t value = 0;   // a number's digits
  int digits = 0;      // how many
  std::string suffix;  // "th", "s", ...
};

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = text[i];
    Word w;
    w.begin = static_cast<uint32_t>(i);
    bool apostrophe = c == '\'' && i + 1 < text.size() && base::is_ascii_lower(text[i + 1]);
    bool curly =
        text.substr(i, 3) == "\u2019" && i + 3 < text.size() && base::is_ascii_lower(text[i + 3]);
    if (std::isalpha(c) || apostrophe || curly) {
      size_t j = i + (curly ? 3 : 1);
      while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
      w.kind = Word::alpha;
      w.capital = base::is_ascii_upper(text[i]);
      w.lower = base::ascii_lower(text.substr(i, j - i));
      if (curly) w.lower = "'" + w.lower.substr(3);
      i = j;
    } else if (base::is_ascii_digit(c)) {
      size_t j = i;
      while (j < text.size() && base::is_ascii_digit(text[j])) {
        if (w.digits < 18) w.value = w.value * 10 + (text[j] - '0');
        ++w.digits;
        ++j;
      }
      size_t k = j;
      while (k < text.size() && base::is_ascii_lower(text[k]) && k - j < 3) ++k;
      w.suffix = std::string(text.substr(j, k - j));
      if (!w.suffix.empty() && w.suffix != "st" && w.suffix != "nd" && w.suffix != "rd" &&
          w.suffix != "th" && w.suffix != "s") {
        w.suffix.clear();  // "10am", "5km": not a day
        k = j;
        while (k < text.size() && std::isalnum(static_cast<unsigned char>(text[k]))) ++k;
        w.value = -1;
      }
      w.kind = Word::number;
      w.lower = std::string(text.substr(i, k - i));
      i = k;
    } else if (c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n' ||
               c == '(' || c == ')') {
      w.kind = Word::punct;
      w.lower = std::string(1, static_cast<char>(c));
      ++i;
    } else {
      ++i;
      continue;
    }
    w.end = static_cast<uint32_t>(i);
    out.push_back(std::move(w));
  }
  return out;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> kMonthAbbreviations = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  for (auto item : set)
    if (s == item) return true;
  return false;
}

std::string two(int64_t n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", static_cast<int>(n));
  return buffer;
}

std::string year_text(int64_t y) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%04lld", static_cast<long long>(y));
  return buffer;
}

std::string day_value(int64_t days) {
  auto c = temporal::civil_from_days(days);
  return year_text(c.year) + "-" + two(c.month) + "-" + two(c.day);
}

std::string month_value(int64_t year, int month) {
  return year_text(year) + "-" + two(month);
}

std::string week_value(int64_t days) {
  int64_t week_year;
  int week;
  temporal::iso_week(days, week_year, week);
  return year_text(week_year) + "-W" + two(week);
}

struct Match {
  size_t first, last;  // words, inclusive
  std::string value;
};

class Scanner {
 public:
  Scanner(const std::vector<Word>& words, std::optional<int64_t> reference)
      : w_(words), ref_(reference) {}

  std::optional<Match> at(size_t i, Tense tense) const;

 private:
  bool is(size_t i, std::string_view s) const { return i < w_.size() && w_[i].lower == s; }
  bool punct(size_t i, char c) const {
    return i < w_.size() && w_[i].kind == Word::punct && w_[i].lower[0] == c;
  }
  // 1..12 for a capitalized month name (an abbreviation only before a number), else 0; `next`
  // is the word after it (past an abbreviation's period).
  int month(size_t i, size_t& next) const {
    if (i >= w_.size() || w_[i].kind != Word::alpha || !w_[i].capital) return 0;
    for (int m = 0; m < 12; ++m)
      if (w_[i].lower == kMonths[m]) {
        next = i + 1;
        return m + 1;
      }
    for (int m = 0; m < 12; ++m)
      if (w_[i].lower == kMonthAbbreviations[m] || (m == 8 && w_[i].lower == "sep")) {
        size_t j = punct(i + 1, '.') ? i + 2 : i + 1;
        if (j < w_.size() && w_[j].kind == Word::number) {
          next = j;
          return m + 1;
        }
      }
    return 0;
  }
  int weekday(size_t i) const {
    if (i >= w_.size() || w_[i].kind != Word::alpha || !w_[i].capital) return 0;
    for (int d = 0; d < 7; ++d)
      if (w_[i].lower == kWeekdays[d]) return d + 1;
    return 0;
  }
  int day(size_t i) const {
    if (i >= w_.size() || w_[i].kind != Word::number || w_[i].digits > 2 || w_[i].suffix == "s")
      return 0;
    return w_[i].value >= 1 && w_[i].value <= 31 ? static_cast<int>(w_[i].value) : 0;
  }
  int64_t year(size_t i) const {
    if (i >= w_.size() || w_[i].kind != Word::number || w_[i].digits != 4 || !w_[i].suffix.empty())
      return 0;
    return w_[i].value >= 1000 && w_[i].value <= 2999 ? w_[i].value : 0;
  }
  int64_t count(size_t i) const {
    if (i >= w_.size()) return 0;
    if (w_[i].kind == Word::number && w_[i].suffix.empty() && w_[i].digits <= 3) return w_[i].value;
    static constexpr std::array<std::string_view, 13> kCounts = {
        "a",     "one",   "two",  "three", "four",   "five",  "six",
        "seven", "eight", "nine", "ten",   "eleven", "twelve"};
    for (size_t k = 0; k < kCounts.size(); ++k)
      if (w_[i].lower == kCounts[k]) return k == 0 ? 1 : static_cast<int64_t>(k);
    return 0;
  }
  std::string modifier(size_t i) const {
    if (i == 0) return "";
    const auto& m = w_[i - 1].lower;
    return m == "last" || m == "next" || m == "this" || m == "past" || m == "coming" ? m : "";
  }
  // A full date from `i`: "April 28, 2022", "28 April 2022", "28th of April"; `require_year`.
  std::optional<Match> calendar(size_t i, Tense tense) const;
  std::optional<std::string> month_day(int m, int d, std::optional<int64_t> y, Tense tense) const;

  const std::vector<Word>& w_;
  std::optional<int64_t> ref_;
};

std::optional<std::string> Scanner::month_day(int m, int d, std::optional<int64_t> y,
                                              Tense tense) const {
  if (y) {
    if (d > temporal::days_in_month(*y, m)) return std::nullopt;
    return day_value(temporal::days_from_civil(*y, m, d));
  }
  if (!ref_) return "XXXX-" + two(m) + "-" + two(d);
  // The year that puts the day on the side of the article date the tense says, or nearest it.
  int64_t ry = temporal::civil_from_days(*ref_).year;
  std::optional<int64_t> best;
  for (int64_t year : {ry - 1, ry, ry + 1}) {
    if (d > temporal::days_in_month(year, m)) continue;
    int64_t days = temporal::days_from_civil(year, m, d);
    if ((tense == Tense::past && days > *ref_) || (tense == Tense::future && days < *ref_))
      continue;
    // Years come in order: the future keeps the first it allows, the past the last, and an
    // unknown tense the one nearest the article date.
    if (!best || tense == Tense::past ||
        (tense == Tense::unknown && std::abs(days - *ref_) < std::abs(*best - *ref_)))
      best = days;
  }
  if (!best) return std::nullopt;
  return day_value(*best);
}

std::optional<Match> Scanner::calendar(size_t i, Tense tense) const {
  size_t next = 0;
  if (int m = month(i, next)) {
    if (int d = day(next)) {
      size_t k = punct(next + 1, ',') ? next + 2 : next + 1;
      std::optional<int64_t> y;
      if (int64_t yy = year(k)) y = yy;
      auto value = month_day(m, d, y, tense);
      if (!value) return std::nullopt;
      return Match{i, y ? k : next, *value};
    }
    size_t k = punct(next, ',') ? next + 1 : next;
    if (int64_t y = year(k)) return Match{i, k, month_value(y, m)};
    return std::nullopt;
  }
  if (int d = day(i)) {
    size_t j = is(i + 1, "of") ? i + 2 : i + 1;
    if (int m = month(j, next)) {
      size_t k = punct(next, ',') ? next + 1 : next;
      std::optional<int64_t> y;
      if (int64_t yy = year(k)) y = yy;
      auto value = month_day(m, d, y, tense);
      if (!value) return std::nullopt;
      return Match{i, y ? k : j, *value};
    }
  }
  return std::nullopt;
}

std::optional<Match> Scanner::at(size_t i, Tense tense) const {
  bool future = tense == Tense::future;
  const Word& word = w_[i];
  std::string mod = modifier(i);
  size_t first = mod.empty() ? i : i - 1;
  if (int wd = weekday(i)) {
    // "Thursday, April 28, 2022": the date it names.
    size_t j = punct(i + 1, ',') ? i + 2 : i + 1;
    // "the Sunday Telegraph", "the Monday Club": a name.
    size_t unused = 0;
    if (i + 1 < w_.size() && w_[i + 1].kind == Word::alpha && w_[i + 1].capital &&
        !month(i + 1, unused) && !weekday(i + 1))
      return std::nullopt;
    if (auto full = calendar(j, tense); full && full->value.find('X') == std::string::npos)
      return Match{first, full->last, full->value};
    if (!ref_) return std::nullopt;
    int today = temporal::day_of_week(*ref_);
    int64_t back = (today - wd + 7) % 7, ahead = (wd - today + 7) % 7;
    int64_t days;
    if (mod == "last" || mod == "past")
      days = *ref_ - (back == 0 ? 7 : back);
    else if (mod == "next" || mod == "coming")
      days = *ref_ + (ahead == 0 ? 7 : ahead);
    else
      days = future ? *ref_ + ahead : *ref_ - back;
    return Match{first, i, day_value(days)};
  }
  if (auto full = calendar(i, tense)) return full;
  size_t next = 0;
  if (int m = month(i, next); m && next == i + 1) {
    // A month alone: "May" only after a word that makes it one ("in May", "last May").
    std::string_view before = i > 0 ? std::string_view(w_[i - 1].lower) : "";
    bool cue = !mod.empty() || one_of(before, {"in", "since", "until", "by", "early", "late", "mid",
                                               "during", "from", "of", "before", "after"});
    if ((m == 5 && !cue) || !ref_) return std::nullopt;
    auto c = temporal::civil_from_days(*ref_);
    int64_t y = c.year;
    if (mod == "last" || mod == "past")
      y = m < c.month ? c.year : c.year - 1;
    else if (mod == "next" || mod == "coming")
      y = m > c.month ? c.year : c.year + 1;
    else if (future && m < c.month)
      y = c.year + 1;
    else if (tense == Tense::past && m > c.month)
      y = c.year - 1;
    else if (tense == Tense::unknown && m - c.month >= 6)  // the nearest (a tie: the one before)
      y = c.year - 1;
    else if (tense == Tense::unknown && c.month - m > 6)  // "February" in November: the next
      y = c.year + 1;
    return Match{first, i, month_value(y, m)};
  }
  if (word.kind == Word::alpha && ref_) {
    const std::string& s = word.lower;
    if (s == "today" || s == "tonight") return Match{i, i, day_value(*ref_)};
    if (s == "yesterday") return Match{i, i, day_value(*ref_ - 1)};
    if (s == "tomorrow") return Match{i, i, day_value(*ref_ + 1)};
    if (s == "night" && mod == "last") return Match{first, i, day_value(*ref_ - 1)};
    if ((s == "morning" || s == "afternoon" || s == "evening") && mod == "this")
      return Match{first, i, day_value(*ref_)};
    auto c = temporal::civil_from_days(*ref_);
    int step = mod == "last" || mod == "past" ? -1 : mod == "next" || mod == "coming" ? 1 : 0;
    bool relative = !mod.empty();
    if (s == "week" && relative) return Match{first, i, week_value(*ref_ + 7 * step)};
    if (s == "month" && relative) {
      int64_t pm = temporal::proleptic_month(*ref_) + step;
      return Match{first, i, month_value(pm / 12, static_cast<int>(pm % 12) + 1)};
    }
    if (s == "year" && relative) return Match{first, i, year_text(c.year + step)};
    if (s == "weekend" && (relative || is(i - 1, "the"))) {
      // The weekend before the article (or the one it falls in), unless said to come.
      int today = temporal::day_of_week(*ref_);
      int64_t saturday = *ref_ - (today == 7 ? 1 : (today + 1) % 7);
      if (step > 0 || (step == 0 && future && today < 6)) saturday += 7;
      if (step < 0 && today >= 6) saturday -= 7;
      return Match{relative ? first : i - 1, i, week_value(saturday) + "-WE"};
    }
    // "three days ago", "a year ago"
    if (is(i + 1, "ago") && i > 0) {
      int64_t n = count(i - 1);
      if (n > 0 && n < 1000) {
        std::string unit = s.back() == 's' ? s.substr(0, s.size() - 1) : s;
        if (unit == "day") return Match{i - 1, i + 1, day_value(*ref_ - n)};
        if (unit == "week") return Match{i - 1, i + 1, week_value(*ref_ - 7 * n)};
        if (unit == "month") {
          int64_t pm = temporal::proleptic_month(*ref_) - n;
          return Match{i - 1, i + 1, month_value(pm / 12, static_cast<int>(pm % 12) + 1)};
        }
        if (unit == "year") return Match{i - 1, i + 1, year_text(c.year - n)};
      }
    }
  }
  if (word.kind == Word::number && word.digits == 4 && word.value >= 1000) {
    std::string_view before = i > 0 ? std::string_view(w_[i - 1].lower) : "";
    if (word.suffix == "s" && word.value % 10 == 0)  // "the 1990s"
      return Match{i, i, year_text(word.value).substr(0, 3)};
    if (word.suffix.empty() &&
        one_of(before, {"in", "since", "by", "until", "of", "from", "during", "before", "after",
                        "between", "and", "or", "to", "early", "late", "mid", "through", "till"}))
      return Match{i, i, year_text(word.value)};
  }
  return std::nullopt;
}

// The tense of the sentence around words [first, last], from its words alone (no parse here):
// a future cue (will, shall, 'll, going/due/set to, upcoming...) anywhere near wins; else a past
// auxiliary (was, were, had, did) or "ago"; else unknown.
Tense tense_context(const std::vector<Word>& w, size_t first, size_t last) {
  auto future_word = [&](size_t k) {
    const std::string& s = w[k].lower;
    if (s == "will" || s == "shall" || s == "'ll" || s == "wo" || s == "upcoming" ||
        s == "scheduled" || s == "expected")
      return true;
    return (s == "going" || s == "due" || s == "set") && k + 1 < w.size() && w[k + 1].lower == "to";
  };
  auto past_word = [&](size_t k) {
    const std::string& s = w[k].lower;
    return s == "was" || s == "were" || s == "had" || s == "did" || s == "ago";
  };
  bool past = false;
  for (size_t k = first, n = 0; k-- > 0 && n < 14; ++n) {
    if (w[k].kind == Word::punct && (w[k].lower == "." || w[k].lower == "\n")) break;
    if (future_word(k)) return Tense::future;
    past = past || past_word(k);
  }
  for (size_t k = last + 1, n = 0; k < w.size() && n < 8; ++k, ++n) {
    if (w[k].kind == Word::punct && (w[k].lower == "." || w[k].lower == "\n")) break;
    if (future_word(k)) return Tense::future;
    past = past || past_word(k);
  }
  return past ? Tense::past : Tense::unknown;
}

std::optional<int64_t> reference_days(std::string_view reference) {
  if (reference.size() != 10) return std::nullopt;
  try {
    return temporal::parse(temporal::TKind::kDate, reference).days;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<DateExpression> scan(std::string_view text, std::string_view reference,
                                 const std::optional<Tense>& tense) {
  std::vector<Word> words = words_of(text);
  Scanner scanner(words, reference_days(reference));
  std::vector<DateExpression> out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].kind == Word::punct) continue;
    // The tense of the sentence, read around the word (the match is not known yet).
    auto match = scanner.at(i, tense ? *tense : tense_context(words, i, i));
    if (!match) continue;
    out.push_back({words[match->first].begin, words[match->last].end, match->value});
    i = match->last;
  }
  return out;
}

}  // namespace

std::vector<DateExpression> find_dates(std::string_view text, std::string_view reference) {
  return scan(text, reference, std::nullopt);
}

std::string normalize_date(std::string_view expression, std::string_view reference, Tense tense) {
  auto found = scan(expression, reference, tense);
  return found.empty() ? "" : found.front().value;
}

std::string dateline_date(std::string_view text) {
  std::string_view head = text.substr(0, 160);
  auto words = words_of(head);
  for (const auto& date : find_dates(head, "")) {
    if (date.begin > 60) break;
    if (date.value.size() != 10 || date.value.find('X') != std::string::npos) continue;
    // Only names in capitals and commas before it: "MOSCOW, ", a dateline's place.
    bool dateline = true;
    for (const auto& w : words) {
      if (w.begin >= date.begin) break;
      if ((w.kind == Word::alpha && !w.capital) || w.kind == Word::number ||
          (w.kind == Word::punct && w.lower != "," && w.lower != "\n"))
        dateline = false;
    }
    if (dateline) return date.value;
    break;
  }
  return "";
}

}  // namespace kg::extract
