#include "curl_library.h"

#include <dlfcn.h>

#include <mutex>
#include <string>

namespace framescope::crawler {
namespace {

CurlLibrary g_curl{};

Status Bind(void* lib, const char* name, void* slot) {
  void* sym = dlsym(lib, name);
  if (!sym) return Fail(ErrorCode::kInternal, std::string("libcurl.so.4 has no ") + name);
  *static_cast<void**>(slot) = sym;
  return {};
}

Status LoadOnce() {
  void* lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* why = dlerror();
    return Fail(ErrorCode::kNotFound,
                std::string("crawling needs libcurl.so.4 (Debian package libcurl4): ") +
                    (why ? why : "cannot load it"));
  }
  struct Entry {
    const char* name;
    void* slot;
  };
  const Entry entries[] = {
      {"curl_global_init", &g_curl.global_init},
      {"curl_easy_init", &g_curl.easy_init},
      {"curl_easy_setopt", &g_curl.easy_setopt},
      {"curl_easy_getinfo", &g_curl.easy_getinfo},
      {"curl_easy_cleanup", &g_curl.easy_cleanup},
      {"curl_easy_strerror", &g_curl.easy_strerror},
      {"curl_slist_append", &g_curl.slist_append},
      {"curl_slist_free_all", &g_curl.slist_free_all},
      {"curl_multi_init", &g_curl.multi_init},
      {"curl_multi_setopt", &g_curl.multi_setopt},
      {"curl_multi_add_handle", &g_curl.multi_add_handle},
      {"curl_multi_remove_handle", &g_curl.multi_remove_handle},
      {"curl_multi_perform", &g_curl.multi_perform},
      {"curl_multi_poll", &g_curl.multi_poll},
      {"curl_multi_info_read", &g_curl.multi_info_read},
      {"curl_multi_cleanup", &g_curl.multi_cleanup},
  };
  for (const auto& e : entries)
    if (auto s = Bind(lib, e.name, e.slot); !s) return s;
  if (g_curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
    return Fail(ErrorCode::kInternal, "libcurl: curl_global_init failed");
  return {};
}

}  // namespace

Result<const CurlLibrary*> LoadCurl() {
  static std::once_flag once;
  static Status loaded;
  std::call_once(once, [] { loaded = LoadOnce(); });
  if (!loaded) return tl::unexpected(loaded.error());
  return &g_curl;
}

const CurlLibrary& Curl() { return g_curl; }

}  // namespace framescope::crawler
