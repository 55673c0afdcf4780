#include "extract/text/tokenizer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "extract/error.h"
#include "extract/text/text_encoding.h"

namespace {

using kg::extract::Document;
using kg::extract::tokenize;

Document run(const std::string& text) {
  Document doc;
  doc.name = "test";
  doc.text = text;
  tokenize(doc);
  return doc;
}

// Sentences separated by " | ", tokens by spaces.
std::string render(const Document& doc) {
  std::string out;
  for (const auto& sentence : doc.sentences) {
    if (!out.empty()) out += " | ";
    for (size_t i = 0; i < sentence.tokens.size(); ++i) {
      if (i > 0) out += ' ';
      out += sentence.tokens[i].form;
    }
  }
  return out;
}

// Checks what must hold for every text: forms are the text at their offsets, tokens are in
// order, do not overlap, hold no whitespace, and sentences span their tokens.
void check_invariants(const Document& doc) {
  uint32_t previous_end = 0;
  for (const auto& sentence : doc.sentences) {
    REQUIRE(!sentence.tokens.empty());
    CHECK(sentence.begin == sentence.tokens.front().begin);
    CHECK(sentence.end == sentence.tokens.back().end);
    for (const auto& token : sentence.tokens) {
      REQUIRE(token.begin >= previous_end);
      REQUIRE(token.end > token.begin);
      REQUIRE(token.end <= doc.text.size());
      REQUIRE(token.form == doc.text.substr(token.begin, token.end - token.begin));
      for (char c : token.form) REQUIRE((c != ' ' && c != '\n' && c != '\t'));
      previous_end = token.end;
    }
  }
}

struct Case {
  const char* input;
  const char* expected;
};

void check_cases(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.input);
    Document doc = run(c.input);
    CHECK(render(doc) == c.expected);
    check_invariants(doc);
  }
}

}  // namespace

TEST_CASE("clitics and contractions are split as EWT splits them") {
  check_cases({
      {"I don't know", "I do n't know"},
      {"We can't, won't, ain't", "We ca n't , wo n't , ai n't"},
      {"Guterres' plan", "Guterres ' plan"},
      {"It's Bush's dog", "It 's Bush 's dog"},
      {"they're we've I'll he'd I'm", "they 're we 've I 'll he 'd I 'm"},
      {"don\xE2\x80\x99t it\xE2\x80\x99s", "do n\xE2\x80\x99t it \xE2\x80\x99s"},
      {"I dont think it's gonna work, I cannot", "I do nt think it 's gon na work , I can not"},
      {"O'Brien and rock'n'roll", "O'Brien and rock'n'roll"},
      {"its not its own thats whats", "it s not its own that s what s"},
      {"PG&E's plan for AT&T", "PG&E 's plan for AT&T"},
  });
}

TEST_CASE("abbreviations and initials keep their period") {
  check_cases({
      {"U.S. officials met Mr. Smith on Feb. 3 at 5 p.m. today",
       "U.S. officials met Mr. Smith on Feb. 3 at 5 p.m. today"},
      {"J. K. Rowling and Gen. Dr. Who", "J. K. Rowling and Gen. Dr. Who"},
      {"fruit, e.g. apples, i.e. food", "fruit , e.g. apples , i.e. food"},
      {"See No. 5 or say no. Then", "See No. 5 or say no . | Then"},
      {"It was a good sun. Then", "It was a good sun . | Then"},
      {"CCNG, Inc.. Next", "CCNG , Inc. . | Next"},
  });
}

TEST_CASE("hyphens split except after prefixes and in phone numbers") {
  check_cases({
      {"a well-known e-mail from a non-profit", "a well - known e-mail from a non-profit"},
      {"re-read the pre-war and anti-war texts", "re-read the pre-war and anti-war texts"},
      {"Call 713-853-3989 or 345-9945 for 5-10 days in 1969-1970",
       "Call 713-853-3989 or 345-9945 for 5 - 10 days in 1969 - 1970"},
      {"He left -- quickly - then", "He left -- quickly - then"},
  });
}

TEST_CASE("numbers, dates, times, URLs and e-mail addresses stay whole") {
  check_cases({
      {"It costs $1,000.50, up 24%", "It costs $ 1,000.50 , up 24 %"},
      {"On 11/28/2000 at 5:30 we met", "On 11/28/2000 at 5:30 we met"},
      {"See http://www.bbc.co.uk/news/a-b.html. Then",
       "See http://www.bbc.co.uk/news/a-b.html . | Then"},
      {"(www.example.com)", "( www.example.com )"},
      {"Write to john.smith@example.com, please", "Write to john.smith@example.com , please"},
      {"Ask John Griffith@ENRON or @Ryan", "Ask John Griffith@ENRON or @Ryan"},
      {"file Lisa_resume.doc here", "file Lisa_resume.doc here"},
      {"Make $$$ b/c", "Make $$$ b/c"},
      {"mailto:amy@compaq.com at 7:30PM", "mailto:amy@compaq.com at 7:30 PM"},
      {"the 29th in the 1990s and 70's, 10km at 5pm",
       "the 29th in the 1990s and 70's , 10 km at 5 pm"},
  });
}

TEST_CASE("quotes, brackets and punctuation runs") {
  check_cases({
      {"\"Hello,\" he said", "\" Hello , \" he said"},
      {"\xE2\x80\x9CHi\xE2\x80\x9D, she said", "\xE2\x80\x9C Hi \xE2\x80\x9D , she said"},
      {"'Proof' here", "' Proof ' here"},
      {"\xE2\x80\x98\xE2\x80\x99 and \xE2\x80\x98x\xE2\x80\x99",
       "\xE2\x80\x98\xE2\x80\x99 and \xE2\x80\x98 x \xE2\x80\x99"},
      {"Wait... what", "Wait ... what"},
      {"Really?! No!!!", "Really ?! | No !!!"},
      {"I love it :) really", "I love it :) really"},
      {"<<File: a.doc>>", "<< File : a.doc >>"},
      {"Smith (AP) \xE2\x80\x93 text", "Smith ( AP ) \xE2\x80\x93 text"},
  });
}

TEST_CASE("sentence boundaries") {
  check_cases({
      {"He met Mr. Smith. They talked.", "He met Mr. Smith . | They talked ."},
      {"He lives in the U.S. He likes it.", "He lives in the U.S . | He likes it ."},
      {"U.S. troops left.", "U.S. troops left ."},
      {"\"Stop.\" He left.", "\" Stop . \" | He left ."},
      {"\"Why?\" he asked.", "\" Why ? \" he asked ."},
      {"(He left.) Then he came back.", "( He left . ) | Then he came back ."},
      {"He came ( and went . ) Then", "He came ( and went . ) | Then"},
      {"I love her. :) Yes", "I love her . :) | Yes"},
      {"what he meant by the phrase. '\n\nNext", "what he meant by the phrase . ' | Next"},
      {"Sales rose 2.5% to $1.13bn. Shares fell.",
       "Sales rose 2.5 % to $ 1.13 bn . | Shares fell ."},
      {"Wait . . . what", "Wait . . . what"},
      {"it was done etc. The end", "it was done etc . | The end"},
      {"Plan B. But", "Plan B . | But"},
      {"his days in Wham! along with Sony", "his days in Wham ! along with Sony"},
      {"what was that? i think so", "what was that ? | i think so"},
      {"5. General Powell. 6. Alan Greenspan", "5 . General Powell . | 6 . Alan Greenspan"},
      {"", ""},
      {"   \n\n  ", ""},
  });
}

TEST_CASE("line breaks: paragraphs, titles, hard-wrapped text") {
  check_cases({
      {"Ad sales boost Time Warner profit\n\nQuarterly profits jumped 76%.\n\nThe firm said so",
       "Ad sales boost Time Warner profit | Quarterly profits jumped 76 % . | The firm said so"},
      {"Headline Without Punctuation\nBody starts here. It goes on.",
       "Headline Without Punctuation | Body starts here . | It goes on ."},
      {"line one\r\n\r\nline two", "line one | line two"},
      {"A Short Title\n"
       "This paragraph has been wrapped at about sixty characters so\n"
       "That a line break inside a sentence is not a sentence break\n"
       "and the sentence goes on over several lines until it ends.\n"
       "Done now.",
       "A Short Title | This paragraph has been wrapped at about sixty characters so That a line "
       "break inside a sentence is not a sentence break and the sentence goes on over several "
       "lines until it ends . | Done now ."},
  });
}

TEST_CASE("space_after and offsets") {
  Document doc = run("He said: \"don't\".");
  REQUIRE(doc.sentences.size() == 1);
  const auto& t = doc.sentences[0].tokens;
  REQUIRE(t.size() == 8);  // He said : " do n't " .
  CHECK(t[0].space_after);
  CHECK_FALSE(t[1].space_after);  // "said" before ":"
  CHECK(t[2].space_after);
  CHECK(t[4].begin == 10);
  CHECK(t[4].end == 12);  // "do"
  CHECK_FALSE(t[4].space_after);
  CHECK(t[5].form == "n't");
}

TEST_CASE("decode_text: UTF-8, Latin-1, repairs, binary") {
  using kg::extract::decode_text;
  auto utf8 = decode_text("na\xC3\xAFve caf\xC3\xA9", "a.txt");
  CHECK(utf8.text == "na\xC3\xAFve caf\xC3\xA9");
  CHECK_FALSE(utf8.was_latin1);
  CHECK(utf8.repaired_bytes == 0);

  CHECK(decode_text("\xEF\xBB\xBFHi", "bom.txt").text == "Hi");

  auto latin1 = decode_text(
      "caf\xE9 costs \xA3"
      "100 \x93ok\x94",
      "l.txt");
  CHECK(latin1.was_latin1);
  CHECK(latin1.text ==
        "caf\xC3\xA9 costs \xC2\xA3"
        "100 \xE2\x80\x9Cok\xE2\x80\x9D");

  // Mostly UTF-8 with a few bad bytes: repaired, not reread as Latin-1.
  const std::string u = "\xC3\xBC";  // ü
  auto repaired = decode_text(u + "ber " + u + u + u + " \xFF " + u + "nd \xE2\x82", "r.txt");
  CHECK_FALSE(repaired.was_latin1);
  CHECK(repaired.repaired_bytes == 3);  // 0xFF and the two bytes of the truncated sequence
  const std::string bad = "\xEF\xBF\xBD";
  CHECK(repaired.text == u + "ber " + u + u + u + " " + bad + " " + u + "nd " + bad + bad);

  // Overlong encodings and surrogates are not UTF-8.
  CHECK(decode_text("\xC0\xAF \xED\xA0\x80", "o.txt").was_latin1);

  CHECK(decode_text("", "empty.txt").text.empty());
  CHECK_THROWS_AS(decode_text(std::string("abc\0def", 7), "nul.bin"), kg::extract::ExtractError);
  std::string controls(400, 'a');
  for (size_t i = 0; i < controls.size(); i += 20) controls[i] = '\x01';
  CHECK_THROWS_WITH_AS(decode_text(controls, "ctl.bin"), doctest::Contains("ctl.bin"),
                       kg::extract::ExtractError);
  CHECK_NOTHROW(decode_text("one stray escape \x1B in text", "esc.txt"));
}

TEST_CASE("decode_text: UTF-16 with a byte order mark is text, not binary data") {
  using kg::extract::decode_text;
  // "Kyiv é 😀" in UTF-16: little-endian and big-endian, the emoji as a surrogate pair.
  std::string le("\xFF\xFEK\0y\0i\0v\0 \0\xE9\0 \0\x3D\xD8\x00\xDE", 20);
  std::string be("\xFE\xFF\0K\0y\0i\0v\0 \0\xE9\0 \xD8\x3D\xDE\x00", 20);
  const std::string expected = "Kyiv \xC3\xA9 \xF0\x9F\x98\x80";
  CHECK(decode_text(le, "le.txt").text == expected);
  CHECK(decode_text(be, "be.txt").text == expected);
  // An unpaired surrogate is repaired; NUL characters inside still mean binary data.
  auto lone = decode_text(std::string("\xFF\xFE"
                                      "a\0\x3D\xD8"
                                      "b\0",
                                      8),
                          "lone.txt");
  CHECK(lone.text ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(lone.repaired_bytes == 1);
  CHECK_THROWS_AS(decode_text(std::string("\xFF\xFE\0\0\0\0", 6), "nul16.txt"),
                  kg::extract::ExtractError);
}

TEST_CASE("random bytes never break the tokenizer") {
  std::mt19937 rng(7);
  const std::string alphabet =
      "ab.,'-\"@/:$%()!? \n\xE2\x80\x99\xC3\xA9\xFF\x01"
      "0123";
  for (int round = 0; round < 300; ++round) {
    std::string bytes;
    size_t length = rng() % 200;
    for (size_t i = 0; i < length; ++i) bytes += alphabet[rng() % alphabet.size()];
    Document doc;
    try {
      doc.text = kg::extract::decode_text(bytes, "random").text;
    } catch (const kg::extract::ExtractError&) {
      continue;
    }
    tokenize(doc);
    check_invariants(doc);
    // Invalid bytes (tokenize called on undecoded text) are tokens, not crashes.
    Document raw;
    raw.text = bytes;
    tokenize(raw);
    check_invariants(raw);
  }
}

TEST_CASE("a huge single line is tokenized in linear time") {
  // Patterns that would make a careless scanner rescan: long runs without spaces full of
  // periods, hyphens, '@' candidates and digits.
  std::string text;
  text.reserve(12u << 20);
  const std::string pieces[] = {"a.b.c.d.", "1-2-3-", "xy-z-",   "mail.me+", "u@",
                                "'s'",      "...",    "12,3:4/", "http://"};
  for (const auto& piece : pieces) {
    for (size_t i = 0; i < (1u << 20) / piece.size(); ++i) text += piece;
    text += ' ';
  }
  while (text.size() < (12u << 20)) text += "The U.S. economy grew 3.5% in 2004, didn't it? ";
  auto start = std::chrono::steady_clock::now();
  Document doc = run(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  size_t tokens = 0;
  for (const auto& s : doc.sentences) tokens += s.tokens.size();
  CHECK(tokens > 1'000'000);
  CHECK(seconds < 60);  // quadratic behaviour would take hours
  MESSAGE("12 MB single line: " << tokens << " tokens in " << seconds << " s");
}

TEST_CASE("sample articles split into sensible sentences") {
  namespace fs = std::filesystem;
  fs::path samples = fs::path(KG_SOURCE_DIR) / "samples";
  if (!fs::exists(samples / "guterres-lavrov-moscow.txt")) {
    MESSAGE("skipped: samples/ not found under " KG_SOURCE_DIR);
    return;
  }
  auto load = [&](const char* name) {
    std::ifstream in(samples / name, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    Document doc;
    doc.text = kg::extract::decode_text(bytes.str(), name).text;
    tokenize(doc);
    check_invariants(doc);
    std::vector<std::string> lines;
    for (const auto& s : doc.sentences) {
      Document one;
      one.sentences.push_back(s);
      lines.push_back(render(one));
    }
    return lines;
  };
  auto contains = [](const std::vector<std::string>& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  auto moscow = load("guterres-lavrov-moscow.txt");
  CHECK(contains(moscow,
                 "\" I know that we have ... different interpretations about what 's "
                 "happening in Ukraine , \" he said ."));
  CHECK(contains(moscow,
                 "Guterres made the plea at a meeting with Russian Foreign Minister "
                 "Sergei Lavrov in the Russian capital , Moscow , on Tuesday , saying "
                 "conditions for a ceasefire in Ukraine should be created as soon as "
                 "possible ."));
  auto griffiths = load("griffiths-not-optimistic.txt");
  CHECK(contains(griffiths, "\xE2\x80\x9C I am not optimistic \xE2\x80\x9D he added later ."));
  CHECK(contains(griffiths,
                 "This followed discussions with Russian Foreign Minister Sergei "
                 "Lavrov in Moscow earlier this week ."));
  auto appeal = load("un-ceasefire-appeal.txt");
  CHECK(contains(appeal, "It is political . \xE2\x80\x9D"));
  for (const auto* lines : {&moscow, &griffiths, &appeal}) {
    CHECK(lines->size() >= 8);
    for (const auto& line : *lines) CHECK(line.size() < 600);  // nothing glued together
  }
}
