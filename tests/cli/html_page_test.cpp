// kg export --format html: the page's content, and the page opened in headless Chromium.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/cli/run_kg.h"

namespace {

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The graph kg build makes of the three sample articles (built once per test binary).
std::string samples_graph() {
  static std::string path = [] {
    std::string graph = (scratch_dir() / "html_samples.json").string();
    std::filesystem::remove(graph);
    KgRun run = run_kg("build " + sample_articles() + " --graph " + graph);
    REQUIRE_MESSAGE(run.status == 0, run.err);
    return graph;
  }();
  return path;
}

// A proxy on 127.0.0.1 that answers nothing: given to Chromium, it sees every request made over
// the network (http, https, websockets) and keeps the first line of each ("GET http://...",
// "CONNECT host:443").
class Trap {
 public:
  Trap() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), size) != 0 ||
        ::listen(fd_, 64) != 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &size))
      return;
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~Trap() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) ::close(fd_);
  }
  int port() const { return port_; }
  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      std::string line;
      pollfd q{c, POLLIN, 0};
      char buffer[512];
      ssize_t n = ::poll(&q, 1, 2000) > 0 ? ::read(c, buffer, sizeof buffer) : 0;
      if (n > 0) line.assign(buffer, static_cast<size_t>(n));
      line = line.substr(0, line.find('\r'));
      ::close(c);
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(line.empty() ? "(a connection that sent nothing)" : line);
    }
  }
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> requests_;
};

// Chromium's own background calls (clock check, component updater, account sign-in), which
// --disable-background-networking does not all stop: not the page's.
bool chromium_own(const std::string& request) {
  for (const char* host : {"clients2.google.com/time/", "update.googleapis.com",
                           "accounts.google.com:443", "clientservices.googleapis.com"})
    if (request.find(host) != std::string::npos) return true;
  return false;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Opens `url` in headless Chromium and returns the DOM after the scripts ran.
std::string dump_dom(const std::string& url, int proxy_port) {
  auto profile = scratch_dir() / "chromium-profile";
  std::string out = (scratch_dir() / "dom.html").string();
  std::string command =
      "timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--disable-default-apps --disable-extensions --user-data-dir=" +
      shell_quote(profile.string()) +
      " --proxy-server=http://127.0.0.1:" + std::to_string(proxy_port) +
      " --proxy-bypass-list='<-loopback>' --window-size=1400,900 --virtual-time-budget=5000 "
      "--dump-dom " +
      shell_quote(url) + " >" + shell_quote(out) + " 2>/dev/null";
  int status = std::system(command.c_str());
  CHECK_MESSAGE(status == 0, command);
  return read_all(out);
}

std::string panel_of(const std::string& dom) {
  size_t begin = dom.find("<section id=\"panel\"");
  size_t end = dom.find("</section>", begin);
  return begin == std::string::npos ? "" : dom.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("kg export --format html: one page with the graph, its evidence and the code inline") {
  std::string page = (scratch_dir() / "samples.html").string();
  KgRun run = run_kg("export " + samples_graph() + " --format html -o " + page);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  std::string html = read_all(page);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("Content-Security-Policy\" content=\"default-src 'none'") != std::string::npos);
  CHECK(html.find("\"Antonio Guterres\"") != std::string::npos);
  CHECK(html.find("meeting with Russian Foreign Minister Sergei Lavrov") != std::string::npos);
  // Nothing is loaded from elsewhere: no src or href attributes at all.
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find(" href=") == std::string::npos);
  for (const auto& entry : std::filesystem::directory_iterator(scratch_dir()))
    CHECK_MESSAGE(entry.path().string().find(".tmp.") == std::string::npos, entry.path());

  // --max-nodes: the page says how many nodes were left out.
  run = run_kg("export " + samples_graph() + " --format html --max-nodes 5 -o " + page);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  html = read_all(page);
  CHECK(html.find("5 nodes, ") != std::string::npos);
  CHECK(html.find("more nodes left out (--max-nodes 5 kept the best connected)") !=
        std::string::npos);
}

TEST_CASE("kg export --format html: names cannot close the script; errors leave the old page") {
  std::string facts = write_file("html_facts.tsv",
                                 "</script><b>Bad & \"odd\"\tmeet\tAnn\tPerson\tPerson\n"
                                 "Ann\tvisit\tParis\tPerson\tPlace\n");
  std::string graph = (scratch_dir() / "html_facts.json").string();
  std::filesystem::remove(graph);
  REQUIRE(run_kg("import " + facts + " --graph " + graph).status == 0);
  std::string page = (scratch_dir() / "facts.html").string();
  KgRun run = run_kg("export " + graph + " --format html -o " + page);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  std::string html = read_all(page);
  CHECK(count_of(html, "</script>") == 2);  // the data's and the code's
  CHECK(html.find("\\u003c/script>\\u003cb>Bad & \\\"odd\\\"") != std::string::npos);

  run = run_kg("export " + graph + " --format html --focus Nobody -o " + page);
  CHECK(run.status == 1);
  CHECK(run.err.find("no entity called \"Nobody\"") != std::string::npos);
  CHECK(read_all(page) == html);
  run = run_kg("export " + graph + " --format html -o " + scratch_dir().string() +
               "/no/such/dir/x.html");
  CHECK(run.status == 1);
  CHECK(run.err.find("cannot create") != std::string::npos);

  // What queries return, from kg query --html and from the shell's :export html.
  std::string returned = (scratch_dir() / "returned.html").string();
  run = run_kg("query " + graph + " --format csv --html " + returned +
               " -e \"MATCH p = (:Person {name: 'Ann'})-[:visit]->() RETURN p\"");
  REQUIRE_MESSAGE(run.status == 0, run.err);
  html = read_all(returned);
  CHECK(html.find("\"Paris\"") != std::string::npos);
  CHECK(html.find("Bad &") == std::string::npos);
  CHECK(html.find("what the queries returned") != std::string::npos);
  std::string shell_page = (scratch_dir() / "shell.html").string();
  run = run_kg("shell " + graph, ":export html " + shell_page + "\n:quit\n");
  CHECK_MESSAGE(run.status == 0, run.err);
  CHECK(run.out.find("wrote 3 nodes and 2 relationships to " + shell_page) != std::string::npos);
  CHECK(read_all(shell_page).find("\"Paris\"") != std::string::npos);
}

TEST_CASE("the sample page in headless Chromium: entities, #node=, evidence, no network") {
  if (std::system("command -v chromium >/dev/null 2>&1") != 0) {
    MESSAGE("SKIPPED: chromium is not installed (scripts/install-deps.sh --browser installs it)");
    return;
  }
  std::string page = (scratch_dir() / "browser.html").string();
  KgRun run = run_kg("export " + samples_graph() + " --format html -o " + page);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  Trap trap;
  REQUIRE(trap.port() > 0);

  std::string dom = dump_dom("file://" + page, trap.port());
  CHECK(dom.find("data-ready=\"1\"") != std::string::npos);
  // The drawing and the lists hold the entities once the script ran.
  for (const char* name : {"Antonio Guterres", "Sergei Lavrov", "Moscow", "United Nations"})
    CHECK_MESSAGE(dom.find(std::string(">") + name + "<") != std::string::npos, name);
  CHECK(dom.find("class=\"node ") != std::string::npos);
  CHECK(dom.find("Unconnected (") != std::string::npos);

  dom = dump_dom("file://" + page + "#node=Antonio%20Guterres", trap.port());
  std::string panel = panel_of(dom);
  CHECK_MESSAGE(panel.find("<h2>Antonio Guterres</h2>") != std::string::npos, panel);
  CHECK_MESSAGE(panel.find("<h3>meet (") != std::string::npos, panel);
  size_t meet = panel.find("<h3>meet (");
  size_t lavrov = panel.find(">Sergei Lavrov</a>", meet);
  CHECK_MESSAGE(lavrov != std::string::npos, panel);
  CHECK_MESSAGE(panel.find("meeting with Russian Foreign Minister Sergei Lavrov", lavrov) !=
                    std::string::npos,
                panel);
  CHECK(panel.find("guterres-lavrov-moscow.txt") != std::string::npos);

  // #q= fills the search and lists what matches.
  dom = dump_dom("file://" + page + "#q=lavrov", trap.port());
  size_t results = dom.find("<ul id=\"results\">");
  REQUIRE(results != std::string::npos);
  CHECK(dom.substr(results, dom.find("</ul>", results) - results).find("Sergei Lavrov") !=
        std::string::npos);

  // Nothing was requested: the page counted no resource and no request its policy blocked, and
  // the proxy saw none but Chromium's own.
  CHECK(dom.find("data-resources=\"0\"") != std::string::npos);
  CHECK(dom.find("data-blocked=\"0\"") != std::string::npos);
  for (const std::string& request : trap.requests()) CHECK_MESSAGE(chromium_own(request), request);
}

TEST_CASE("the sample page in headless Chromium: clicks, search and type filter") {
  if (std::system("command -v chromium >/dev/null 2>&1") != 0) {
    MESSAGE("SKIPPED: chromium is not installed (scripts/install-deps.sh --browser installs it)");
    return;
  }
  std::string page = (scratch_dir() / "clicks.html").string();
  KgRun run = run_kg("export " + samples_graph() + " --format html -o " + page);
  REQUIRE_MESSAGE(run.status == 0, run.err);
  // What a user does, played by a script added after the page's own (the page's policy allows
  // inline scripts); what the page then shows goes into data- attributes of <body>.
  std::string html = read_all(page);
  size_t end = html.rfind("</body>");
  REQUIRE(end != std::string::npos);
  html.insert(end, R"(<script>
(function () {
  const click = (el) => el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  const panel = () => document.getElementById('panel').textContent;
  const node = [...document.querySelectorAll('g.node')]
    .find((g) => g.querySelector('text').textContent === 'Sergei Lavrov');
  click(node);
  document.body.dataset.nodePanel = panel();
  document.body.dataset.nodeHash = location.hash;
  const edge = [...document.querySelectorAll('path.edge-hit')]
    .find((p) => p.querySelector('title').textContent.startsWith('Antonio Guterres -[meet]-> Sergei Lavrov'));
  click(edge);
  document.body.dataset.edgePanel = panel();
  const search = document.getElementById('search');
  search.value = 'kiev';  // an alias
  search.dispatchEvent(new Event('input'));
  document.body.dataset.results = document.getElementById('results').textContent;
  const places = [...document.querySelectorAll('#filters label')]
    .find((l) => l.textContent.includes('Place')).querySelector('input');
  places.click();
  document.body.dataset.hiddenPlaces = String(document.querySelectorAll('g.node.Place.hidden').length);
  document.body.dataset.shownPlaces = String(document.querySelectorAll('g.node.Place:not(.hidden)').length);
})();
</script>
)");
  std::string played = write_file("clicks_played.html", html);
  Trap trap;
  std::string dom = dump_dom("file://" + played, trap.port());
  auto attribute = [&](const std::string& name) {
    size_t at = dom.find(" data-" + name + "=\"");
    if (at == std::string::npos) return std::string();
    at += name.size() + 8;
    return dom.substr(at, dom.find('"', at) - at);
  };
  std::string node_panel = attribute("node-panel");
  CHECK_MESSAGE(node_panel.rfind("Sergei Lavrov", 0) == 0, node_panel);
  CHECK_MESSAGE(node_panel.find("Antonio Guterres") != std::string::npos, node_panel);
  CHECK(attribute("node-hash") == "#node=Sergei%20Lavrov");
  std::string edge_panel = attribute("edge-panel");
  CHECK_MESSAGE(edge_panel.rfind("meet", 0) == 0, edge_panel);
  CHECK_MESSAGE(
      edge_panel.find("meeting with Russian Foreign Minister Sergei Lavrov") != std::string::npos,
      edge_panel);
  CHECK_MESSAGE(attribute("results").find("Kyiv") != std::string::npos, attribute("results"));
  CHECK(attribute("hidden-places") != "0");
  CHECK(attribute("shown-places") == "0");
}
