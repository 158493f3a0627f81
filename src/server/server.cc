// The HTTP server: one route table over the query engine, plus the static
// dashboard files. Handlers turn URL parameters into an EventFilter and a
// QueryEngine call, and the result into JSON; nothing else.
#include "casus/server.h"

#include <httplib.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <vector>

#include "casus/query.h"
#include "casus/store.h"
#include "common/strutil.h"

namespace casus {

namespace {

// A thread-safe pool of read-only query engines, one per concurrent request.
class EnginePool {
 public:
  explicit EnginePool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(EnginePool* pool, std::unique_ptr<QueryEngine> e) : pool_(pool), e_(std::move(e)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (e_) pool_->Return(std::move(e_));
    }
    QueryEngine* operator->() { return e_.get(); }

   private:
    EnginePool* pool_;
    std::unique_ptr<QueryEngine> e_;
  };

  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        auto e = std::move(free_.back());
        free_.pop_back();
        return Lease(this, std::move(e));
      }
    }
    auto e = QueryEngine::Open(path_);
    if (!e.ok()) return e.status();
    return Lease(this, std::move(e).value());
  }

 private:
  void Return(std::unique_ptr<QueryEngine> e) {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.size() < 32) free_.push_back(std::move(e));
  }
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<QueryEngine>> free_;  // GUARDED_BY(mu_)
};

struct Reply {
  int status = 200;
  std::string body;  // JSON
};

Reply ErrorReply(const Status& st) {
  int code = 500;
  switch (st.code()) {
    case Status::Code::kInvalidArgument:
    case Status::Code::kTooLarge: code = 400; break;
    case Status::Code::kNotFound: code = 404; break;
    default: break;
  }
  return Reply{code, "{\"error\":" + JsonQuote(st.message()) + "}"};
}

using Params = std::multimap<std::string, std::string>;

// Parameters other than filters that a route accepts.
bool ParseInt(const std::string& s, int64_t lo, int64_t hi, int64_t* out) {
  if (s.empty() || s.size() > 12) return false;
  int64_t v = 0;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

// Splits the parameters into an EventFilter and the route's own `extra`
// parameters; anything else is an error, so typos do not go unnoticed.
Status ReadParams(const Params& params, const std::vector<std::string>& extra, EventFilter* f,
                  std::map<std::string, std::string>* rest) {
  for (const auto& [k, v] : params) {
    if (std::find(extra.begin(), extra.end(), k) != extra.end()) {
      (*rest)[k] = v;
      continue;
    }
    Status st = f->Set(k, v);
    if (st.code() == Status::Code::kNotFound)
      return Status::InvalidArgument("unknown parameter \"" + k + "\"");
    CASUS_TRY(st);
  }
  return Status::OK();
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  EnginePool pool;
  httplib::Server http;
  bool bound = false;
  int port = 0;

  explicit Impl(const ServerOptions& o) : options(o), pool(o.db) {}

  using Handler = Reply (Impl::*)(const Params&);
  struct Route {
    const char* path;
    Handler handler;
  };
  // Every route of the API, in one table.
  static const std::vector<Route>& Routes() {
    static const std::vector<Route> kRoutes = {
        {"/api/health", &Impl::Health},   {"/api/stats", &Impl::Stats},
        {"/api/events", &Impl::Events},   {"/api/mentions", &Impl::Mentions},
        {"/api/dyad", &Impl::Dyad},       {"/api/network", &Impl::NetworkRoute},
        {"/api/top", &Impl::Top},
    };
    return kRoutes;
  }

  Reply Health(const Params& p) {
    (void)p;
    auto q = pool.Acquire();
    if (!q.ok()) return ErrorReply(q.status());
    return Reply{200, "{\"status\":\"ok\",\"version\":\"" CASUS_VERSION
                      "\",\"schema_version\":" +
                          std::to_string(kStoreSchemaVersion) + "}"};
  }

  Reply Stats(const Params& p) {
    EventFilter f;
    std::map<std::string, std::string> rest;
    if (Status st = ReadParams(p, {}, &f, &rest); !st.ok()) return ErrorReply(st);
    auto q = pool.Acquire();
    if (!q.ok()) return ErrorReply(q.status());
    auto s = q.value()->Summary();
    if (!s.ok()) return ErrorReply(s.status());
    return Reply{200, s.value().ToJson()};
  }

  Reply Events(const Params& p) {
    EventFilter f;
    std::map<std::string, std::string> rest;
    if (Status st = ReadParams(p, {"limit", "offset", "cursor"}, &f, &rest); !st.ok())
      return ErrorReply(st);
    PageRequest page;
    int64_t v = 0;
    if (rest.count("limit")) {
      if (!ParseInt(rest["limit"], 1, kMaxPageSize, &v))
        return ErrorReply(Status::InvalidArgument("limit must be 1 to " +
                                                  std::to_string(kMaxPageSize)));
      page.limit = int(v);
    }
    if (rest.count("offset")) {
      if (!ParseInt(rest["offset"], 0, 100000000, &v))
        return ErrorReply(Status::InvalidArgument("offset must be 0 to 100000000"));
      page.offset = v;
    }
    page.cursor = rest["cursor"];
    auto q = pool.Acquire();
    if (!q.ok()) return ErrorReply(q.status());
    auto t = q.value()->Events(f, page);
    if (!t.ok()) return ErrorReply(t.status());
    return Reply{200, FormatTable(t.value(), TableFormat::kJson)};
  }

  Reply Mentions(const Params& p) {
    int64_t id = 0;
    auto it = p.find("id");
    if (p.size() != 1 || it == p.end() || !ParseInt(it->second, 1, int64_t(1) << 60, &id))
      return ErrorReply(Status::InvalidArgument("use /api/mentions?id=DEDUP_ID"));
    auto q = pool.Acquire();
    if (!q.ok()) return ErrorReply(q.status());
    auto t = q.value()->Mentions(id);
    if (!t.ok()) return ErrorReply(t.status());
    return Reply{200, FormatTable(t.value(), TableFormat::kJson)};
  }

  Reply Dyad(const Params& p) {
    EventFilter f;
    std::map<std::string, std::string> rest;
    if (Status st = ReadParams(p, {"by", "split"}, &f, &rest); !st.ok()) return ErrorReply(st);
    auto by = ParsePeriod(rest.count("by") ? rest["by"] : "day");
    if (!by.ok()) return ErrorReply(by.status());
    bool split = rest["split"] == "1" || rest["split"] == "true";
    auto q = pool.Acquire();
    if (!q.ok()) return ErrorReply(q.status());
    auto t = q.value()->Series(f, by.value(), split);
    if (!t.ok()) return ErrorReply(t.status());
    std::string o = "{\"source\":" + JsonQuote(f.source) + ",\"target\":" + JsonQuote(f.target) +
                    ",\"by\":" + JsonQuote(rest.count("by") ? rest["by"] : "day") +
                    ",\"rows\":" + t.value().ToJsonRows() + "}";
    return Reply{200, o};
  }

  Reply NetworkRoute(const Params& p) {
    EventFilter f;
    std::map<std::string, std::string> rest;
    if (Status st = ReadParams(p, {"edges", "level"}, &f, &rest); !st.ok())
      return ErrorReply(st);
    int64_t edges = 100;
    if (rest.count("edges") && !ParseInt(rest["edges"], 1, 5000, &edges))
      return ErrorReply(Status::InvalidArgument("edges must be 1 to 5000"));
    std::string level = rest.count("level") ? rest["level"] : "actor";
    if (level != "actor" && level != "country")
      return ErrorReply(Status::InvalidArgument("level must be actor or country"));
    auto q = pool.Acquire();
    if (!q.ok()) return ErrorReply(q.status());
    auto n = q.value()->ActorNetwork(f, int(edges), level == "country");
    if (!n.ok()) return ErrorReply(n.status());
    return Reply{200, "{\"nodes\":" + n.value().nodes.ToJsonRows() +
                          ",\"edges\":" + n.value().edges.ToJsonRows() + "}"};
  }

  Reply Top(const Params& p) {
    EventFilter f;
    std::map<std::string, std::string> rest;
    if (Status st = ReadParams(p, {"what", "limit"}, &f, &rest); !st.ok())
      return ErrorReply(st);
    auto what = ParseTopKind(rest.count("what") ? rest["what"] : "actors");
    if (!what.ok()) return ErrorReply(what.status());
    int64_t limit = 10;
    if (rest.count("limit") && !ParseInt(rest["limit"], 1, kMaxPageSize, &limit))
      return ErrorReply(Status::InvalidArgument("limit must be 1 to " +
                                                std::to_string(kMaxPageSize)));
    auto q = pool.Acquire();
    if (!q.ok()) return ErrorReply(q.status());
    auto t = q.value()->Top(f, what.value(), int(limit));
    if (!t.ok()) return ErrorReply(t.status());
    return Reply{200, "{\"what\":" + JsonQuote(rest.count("what") ? rest["what"] : "actors") +
                          ",\"rows\":" + t.value().ToJsonRows() + "}"};
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() {
  if (impl_) impl_->http.stop();
}

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  if (options.db.empty()) return Status::InvalidArgument("no database given");
  if (options.threads < 1 || options.threads > 256)
    return Status::InvalidArgument("threads must be 1 to 256");
  if (options.port < 0 || options.port > 65535)
    return Status::InvalidArgument("port must be 0 to 65535");
  // Fail early on a missing or foreign file (this also upgrades an old schema).
  {
    auto q = QueryEngine::Open(options.db);
    if (!q.ok()) return q.status();
  }
  auto impl = std::make_unique<Impl>(options);
  Impl* im = impl.get();
  httplib::Server& http = im->http;
  const int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.timeout_seconds, 0);
  http.set_write_timeout(options.timeout_seconds, 0);
  http.set_keep_alive_max_count(100);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"},
                            {"Content-Security-Policy",
                             "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                             "img-src 'self' data:; frame-ancestors 'none'"}});
  for (const Impl::Route& r : Impl::Routes()) {
    Impl::Handler h = r.handler;
    http.Get(r.path, [im, h](const httplib::Request& req, httplib::Response& res) {
      Reply reply = (im->*h)(req.params);
      res.status = reply.status;
      res.set_header("Cache-Control", "no-store");
      res.set_content(reply.body, "application/json");
    });
  }
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string msg = res.status == 404 ? "not found: " + req.path
                                        : "request refused (" + std::to_string(res.status) + ")";
    res.set_content("{\"error\":" + JsonQuote(msg) + "}", "application/json");
  });
  if (options.log_requests)
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.target.c_str(), res.status);
    });
  if (!options.web_root.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(std::filesystem::path(options.web_root) / "index.html",
                                          ec))
      return Status::NotFound(options.web_root +
                              " has no index.html: build the dashboard (scripts/build-web.sh)");
    if (!http.set_mount_point("/", options.web_root))
      return Status::NotFound("cannot serve " + options.web_root);
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Bind() {
  Impl& im = *impl_;
  if (im.options.port == 0) {
    im.port = im.http.bind_to_any_port(im.options.host);
    if (im.port <= 0) return Status::IOError("cannot listen on " + im.options.host);
  } else {
    if (!im.http.bind_to_port(im.options.host, im.options.port))
      return Status::IOError("cannot listen on " + im.options.host + ":" +
                             std::to_string(im.options.port));
    im.port = im.options.port;
  }
  im.bound = true;
  return Status::OK();
}

int Server::port() const { return impl_->port; }

Status Server::Run() {
  if (!impl_->bound) return Status::InvalidArgument("Run() before Bind()");
  if (!impl_->http.listen_after_bind()) return Status::IOError("the server stopped on an error");
  return Status::OK();
}

void Server::Stop() { impl_->http.stop(); }

}  // namespace casus
