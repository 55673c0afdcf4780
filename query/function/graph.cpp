// Functions of nodes, relationships and paths: id, labels, type, properties, keys, the ends
// of a relationship, the parts and length of a path, and exists().
#include <algorithm>

#include "query/exec.h"
#include "query/function/family.h"

namespace kg::query {

namespace {

using Args = std::vector<Val>;

Val id(const Function& f, Args& args, Ctx& ctx) {
  const Val& a = args[0];
  if (a.is<NodeRef>()) return Val(int64_t(ctx.g.node(a.as<NodeRef>().v).id));
  if (a.is<RelRef>()) return Val(int64_t(ctx.g.edge(a.as<RelRef>().e).id));
  bad_arg(f);
}

const graph::Node& node_arg(const Function& f, const Val& a, Ctx& ctx) {
  if (!a.is<NodeRef>()) bad_arg(f);
  return ctx.g.node(a.as<NodeRef>().v);
}

Val labels(const Function& f, Args& args, Ctx& ctx) {
  VList out;
  for (const auto& l : node_arg(f, args[0], ctx).labels) out.push_back(Val(l));
  return Val(std::move(out));
}

Val has_label(const Function& f, Args& args, Ctx& ctx) {
  const auto& labels = node_arg(f, args[0], ctx).labels;
  return Val(std::find(labels.begin(), labels.end(), str_arg(f, args[1])) != labels.end());
}

Val type(const Function& f, Args& args, Ctx& ctx) {
  if (!args[0].is<RelRef>()) bad_arg(f);
  return Val(std::string(ctx.g.relation(args[0].as<RelRef>().e)));
}

// The properties of a node or a relationship, or a map itself.
VMap map_of(const Function& f, const Val& a, Ctx& ctx) {
  if (a.is<NodeRef>()) return node_map(ctx.g, a.as<NodeRef>().v);
  if (a.is<RelRef>()) return rel_map(ctx.g, a.as<RelRef>().e);
  if (a.is<VMap>()) return a.as<VMap>();
  bad_arg(f);
}

Val properties(const Function& f, Args& args, Ctx& ctx) {
  return Val(map_of(f, args[0], ctx));
}

Val keys(const Function& f, Args& args, Ctx& ctx) {
  VList out;
  for (auto& [k, v] : map_of(f, args[0], ctx)) out.push_back(Val(k));
  return Val(std::move(out));
}

template <bool kStart>
Val end_node(const Function& f, Args& args, Ctx& ctx) {
  if (!args[0].is<RelRef>()) bad_arg(f);
  const auto& e = args[0].as<RelRef>().e;
  return Val(NodeRef{kStart ? boost::source(e, ctx.g.store()) : boost::target(e, ctx.g.store())});
}

const PathVal& path_arg(const Function& f, const Val& a) {
  if (!a.is<PathVal>()) bad_arg(f);
  return a.as<PathVal>();
}

Val nodes(const Function& f, Args& args, Ctx&) {
  VList out;
  for (auto v : path_arg(f, args[0]).nodes) out.push_back(Val(NodeRef{v}));
  return Val(std::move(out));
}

Val relationships(const Function& f, Args& args, Ctx&) {
  VList out;
  for (const auto& e : path_arg(f, args[0]).rels) out.push_back(Val(RelRef{e}));
  return Val(std::move(out));
}

// Of a path its relationships; of a string or list, as size().
Val length(const Function& f, Args& args, Ctx&) {
  const Val& a = args[0];
  if (a.is<PathVal>()) return Val(int64_t(a.as<PathVal>().rels.size()));
  if (a.is<std::string>()) return Val(int64_t(base::utf8_length(a.as<std::string>())));
  if (a.is<VList>()) return Val(int64_t(a.as<VList>().size()));
  bad_arg(f);
}

// exists(pattern) is whether the pattern matches; exists(expression) whether it is not null.
Val exists(const Expr& call, Row& row, Ctx& ctx) {
  const Expr& arg = *call.kids[0];
  if (arg.kind == Ex::kPattern) return eval(arg, row, ctx);
  return Val(!eval(arg, row, ctx).is_null());
}

const Function kFunctions[] = {
    {.name = "id", .scalar = id, .reads_deleted = true},
    {.name = "labels", .scalar = labels, .arg_checks = kNoRelVar | kNoPathVar},
    {.name = "haslabel", .min_args = 2, .max_args = 2, .scalar = has_label},
    {.name = "type", .scalar = type, .reads_deleted = true, .arg_checks = kNoNodeVar | kNoPathVar},
    {.name = "properties", .scalar = properties, .arg_checks = kNoPathVar | kNoValueLiteral},
    {.name = "keys", .scalar = keys},
    {.name = "startnode", .scalar = end_node<true>},
    {.name = "endnode", .scalar = end_node<false>},
    {.name = "nodes", .scalar = nodes},
    {.name = "relationships", .scalar = relationships},
    {.name = "length", .scalar = length, .arg_checks = kNoNodeVar | kNoRelVar},
    {.name = "exists", .kind = FunctionKind::kSpecial, .special = exists},
};

}  // namespace

std::span<const Function> graph_functions() {
  return kFunctions;
}

}  // namespace kg::query
