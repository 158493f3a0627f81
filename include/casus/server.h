// casus: the HTTP JSON API and web dashboard over an event store.
//
//   casus::ServerOptions o;
//   o.db = "casus.db";
//   auto server = casus::Server::Create(o);
//   CASUS_TRY(server.value()->Bind());      // port() is known from here on
//   server.value()->Run();                  // until Stop() from another thread
//
// The server is a thin layer over QueryEngine (casus/query.h): one route
// table, GET only, a read-only database connection per worker thread, and
// bounded requests. docs/api.md lists the routes. Stop() may be called from
// any thread; everything else from the thread that created the server.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "casus/status.h"

namespace casus {

struct ServerOptions {
  std::string db;                   // the store to serve (opened read-only)
  std::string host = "127.0.0.1";   // loopback unless told otherwise
  int port = 8080;                  // 0 = any free port
  std::string web_root;             // folder of the built dashboard ("" = API only)
  int threads = 8;                  // worker threads (and database connections)
  size_t max_body_bytes = 4096;     // request bodies larger than this are refused
  int timeout_seconds = 10;         // read and write timeouts per request
  bool log_requests = false;        // one line per request on stderr
};

class Server {
 public:
  ~Server();
  // Checks that the store can be opened and queried.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options);
  // Binds the listening socket.
  Status Bind();
  // The bound port. REQUIRES: Bind() returned OK.
  int port() const;
  // Serves requests until Stop(). REQUIRES: Bind() returned OK.
  Status Run();
  // Makes Run() return; safe from any thread.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace casus
