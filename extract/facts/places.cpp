#include "extract/facts/places.h"

#include <stdexcept>

#include "base/ascii.h"
#include "base/split.h"

namespace kg::extract {

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
    } else if (fields[1] == "part") {
      place.kind = Kind::part;
      if (fields.size() < 3 || fields[2].empty()) fail("a part needs its container");
      auto rest = fields[2];
      for (size_t bar; !rest.empty();
           rest = bar == std::string_view::npos ? "" : rest.substr(bar + 1)) {
        bar = rest.find('|');
        place.containers.push_back(base::ascii_lower(rest.substr(0, bar)));
      }
    } else {
      fail("unknown kind \"" + std::string(fields[1]) + "\" (country, part or region)");
    }
    places_[base::ascii_lower(fields[0])] = std::move(place);
  });
}

bool PlaceTable::may_lie_in(std::string_view inner, std::string_view outer) const {
  auto in = places_.find(base::ascii_lower(inner));
  if (in == places_.end()) return true;
  std::string out_name = base::ascii_lower(outer);
  auto out = places_.find(out_name);
  if (out != places_.end() && out->second.kind == Kind::region) return true;
  for (const auto& container : in->second.containers)
    if (container == out_name) return true;
  return false;
}

}  // namespace kg::extract
