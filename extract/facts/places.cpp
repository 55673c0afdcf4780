#include "extract/facts/places.h"

#include <stdexcept>

#include "base/ascii.h"
#include "base/split.h"

namespace kg::extract {

namespace {

std::string key_of(std::string_view name) {
  std::string key;
  for (char c : name)
    if (c != '.') key += base::ascii_lower(c);
  return key;
}

}  // namespace

void PlaceTable::load(const std::string& path) {
  base::for_each_data_line(path, "place table", [&](const std::string& line, int number) {
    auto fields = base::split_tabs(line);
    auto fail = [&](const std::string& what) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": " + what);
    };
    if (fields.size() < 2 || fields[0].empty()) fail("expected \"name<TAB>kind[<TAB>containers]\"");
    Place place;
    if (fields[1] == "country") {
      place.kind = Kind::country;
    } else if (fields[1] == "region") {
      place.kind = Kind::region;
    } else if (fields[1] == "part" || fields[1] == "state") {
      place.kind = fields[1] == "part" ? Kind::part : Kind::state;
      if (fields.size() < 3 || fields[2].empty()) fail("a state or a part needs its containers");
      auto rest = fields[2];
      for (size_t bar; !rest.empty();
           rest = bar == std::string_view::npos ? "" : rest.substr(bar + 1)) {
        bar = rest.find('|');
        place.containers.push_back(key_of(rest.substr(0, bar)));
      }
    } else {
      fail("unknown kind \"" + std::string(fields[1]) + "\" (country, state, part or region)");
    }
    places_[key_of(fields[0])] = std::move(place);
  });
}

const PlaceTable::Place* PlaceTable::find(std::string_view name) const {
  auto it = places_.find(key_of(name));
  return it == places_.end() ? nullptr : &it->second;
}

bool PlaceTable::knows(std::string_view name) const {
  const Place* p = find(name);
  return p && p->kind != Kind::region;
}

bool PlaceTable::is_country(std::string_view name) const {
  const Place* p = find(name);
  return p && (p->kind == Kind::country || p->kind == Kind::part);
}

bool PlaceTable::may_lie_in(std::string_view inner, std::string_view outer) const {
  auto in = places_.find(key_of(inner));
  if (in == places_.end()) return true;
  std::string out_name = key_of(outer);
  auto out = places_.find(out_name);
  if (out != places_.end() && out->second.kind == Kind::region) return true;
  for (const auto& container : in->second.containers)
    if (container == out_name) return true;
  return false;
}

}  // namespace kg::extract
