// kg.search(text [, limit]): the nodes whose name or alias is close to `text` (case, accents
// and a few typos forgiven), best first, with a score in (0, 1].
#include "query/search.h"

#include "query/exec.h"
#include "query/procedure/registry.h"

namespace kg::query {

namespace {

void search(const Procedure&, const std::vector<Val>& args, Ctx& ctx,
            std::vector<std::vector<Val>>& out) {
  if (args[0].is_null()) return;
  int64_t limit = args.size() > 1 && args[1].is<int64_t>() ? args[1].as<int64_t>() : 10;
  if (limit <= 0) return;
  for (auto& hit : search_names(ctx.g, args[0].as<std::string>(), size_t(limit))) {
    if (ctx.node_deleted(hit.node)) continue;
    out.push_back({Val(NodeRef{hit.node}), Val(hit.score), Val(std::move(hit.name))});
  }
}

}  // namespace

std::vector<Procedure> search_procedures() {
  return {{"kg.search",
           {{"text", "STRING"}, {"limit", "INTEGER"}},
           {{"node", "NODE"}, {"score", "FLOAT"}, {"name", "STRING"}},
           1,
           "Nodes by name or alias, forgiving case, accents and typos (limit 10 by default).",
           search}};
}

}  // namespace kg::query
