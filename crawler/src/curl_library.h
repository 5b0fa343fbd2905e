#pragma once

// libcurl, loaded when the first crawl starts rather than linked into the program: libcurl pulls
// in some thirty shared libraries (TLS, Kerberos, LDAP, SSH, IDN, ...), and binding them cost
// every framescope process, `search` and `kwic` included, most of its start-up time.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>

#include "framescope/corpus/result.h"

namespace framescope::crawler {

struct CurlLibrary {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  void (*easy_cleanup)(CURL*);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
  CURLM* (*multi_init)();
  CURLMcode (*multi_setopt)(CURLM*, CURLMoption, ...);
  CURLMcode (*multi_add_handle)(CURLM*, CURL*);
  CURLMcode (*multi_remove_handle)(CURLM*, CURL*);
  CURLMcode (*multi_perform)(CURLM*, int*);
  CURLMcode (*multi_poll)(CURLM*, curl_waitfd[], unsigned int, int, int*);
  CURLMsg* (*multi_info_read)(CURLM*, int*);
  CURLMcode (*multi_cleanup)(CURLM*);
};

// Loads libcurl.so.4 and runs curl_global_init once (thread-safe); the error names the library
// and what was missing.
Result<const CurlLibrary*> LoadCurl();

// The loaded library; only after LoadCurl() succeeded.
const CurlLibrary& Curl();

}  // namespace framescope::crawler
