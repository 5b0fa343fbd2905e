// Documents the citation tests share.
#pragma once

#include <vector>

#include "framescope/corpus/document.h"

namespace framescope::report::testing {

inline corpus::ArchiveRef Archive(const char* uuid) {
  corpus::ArchiveRef a;
  a.file = "crawl-20200102.warc.gz";
  a.record_id = std::string("<urn:uuid:") + uuid + ">";
  a.digest = "sha1:2QJFWZBN4VQ3BPBQUPMJKT5ZLZWQ6BGO";
  a.captured = "2020-01-02T03:04:05Z";
  a.offset = 4096;
  return a;
}

// A signed article.
inline corpus::Document WithAuthor() {
  corpus::Document d;
  d.id = "doc-smith";
  d.url = "https://example.com/news/2019/03/05/social-credit?ref=rss&x=1";
  d.title = "China's social credit system: myth and reality";
  d.outlet = "The Daily Example";
  d.language = "en";
  d.published = "2019-03-05T08:00:00Z";
  d.authors = {"Jane Anne Smith"};
  d.archive = Archive("0b7c1e52-3f0c-4d8e-9a52-2f0f5b9f7a11");
  return d;
}

// An unsigned wire story.
inline corpus::Document WithoutAuthor() {
  corpus::Document d;
  d.id = "doc-xinhua";
  d.url = "https://english.example.cn/2018-11/20/c_137618.htm";
  d.title = "Social credit pilot expands to more cities";
  d.outlet = "Xinhua";
  d.language = "en";
  d.published = "2018-11-20";
  d.archive = Archive("9d1f64a0-77aa-4c53-b6c4-1b2e1f4c0d35");
  return d;
}

// Documents that exercise the rest of the styles' rules: several and particled authors, quotes
// in titles, partial and missing dates, other languages, no archive, no outlet.
inline std::vector<corpus::Document> Varied() {
  std::vector<corpus::Document> docs;
  corpus::Document d;
  d.id = "doc-leyen";
  d.url = "https://www.example.eu/opinion/black-mirror";
  d.title = "Is the \"Black Mirror\" score real? a look at the state of play";
  d.outlet = "the european example";
  d.language = "en-GB";
  d.published = "2019-05";
  d.authors = {"Ursula von der Leyen", "Wei Wang", "Lee, Ann"};
  d.archive = Archive("11111111-2222-4333-8444-555555555555");
  docs.push_back(d);

  d = corpus::Document();
  d.id = "doc-people";
  d.url = "https://www.example.cn/n1/2019/0614/c1001.html";
  d.title = "社会信用体系建设取得新进展";
  d.outlet = "人民日报";
  d.language = "zh";
  d.published = "2019-06-14";
  d.authors = {"新华社"};
  d.archive = Archive("22222222-3333-4444-8555-666666666666");
  docs.push_back(d);

  d = corpus::Document();
  d.id = "doc-zeit";
  d.url = "https://www.example.de/digital/sozialkredit";
  d.title = "Das Sozialkreditsystem und die Überwachung";
  d.outlet = "Die Zeit";
  d.language = "de";
  d.published = "2020";
  d.archive = Archive("33333333-4444-4555-8666-777777777777");
  docs.push_back(d);

  d = corpus::Document();
  d.id = "doc-undated";
  d.url = "https://blog.example.org/undated";
  d.title = "an undated post: what 'trust' means";
  d.outlet = "Example Blog";
  d.language = "en";
  d.authors = {"Jean-Paul Martin"};
  d.archive = Archive("44444444-5555-4666-8777-888888888888");
  docs.push_back(d);

  d = corpus::Document();
  d.id = "doc-seven";
  d.url = "https://news.example.com/seven";
  d.title = "Seven authors on one story";
  d.outlet = "Example News";
  d.language = "en";
  d.published = "2021-02-03";
  d.authors = {"Alice Able", "Bob Baker", "Carol Cole", "Dan Dunn",
               "Eve Eddy",   "Fay Fox",   "Gus Gill"};
  docs.push_back(d);

  d = corpus::Document();
  d.id = "doc-nodate-noauthor";
  d.url = "https://example.net/unsigned";
  d.title = "Unsigned and undated";
  d.outlet = "Example Net";
  d.language = "en";
  d.archive = Archive("55555555-6666-4777-8888-999999999999");
  docs.push_back(d);
  return docs;
}

}  // namespace framescope::report::testing
