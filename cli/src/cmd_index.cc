#include "commands.h"
#include "pipeline.h"

namespace framescope::cli {

int PrintIndexSummary(const IndexRunSummary& s) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%.1f", s.seconds);
  std::cerr << "index: " << s.indexed << " documents indexed (" << s.new_docs << " new), "
            << s.listings << " listing pages and " << s.skipped
            << " other records skipped (not articles), " << s.failed << " failed; "
            << s.total_docs << " documents in the index (" << buf << " s)\n";
  return kExitOk;
}

void RegisterIndex(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "index", "Extract, identify language, dedup, classify and index what is in the archive");
  cmd->footer("Example:\n  framescope index --study mystudy\n  framescope index --rebuild   "
              "# delete the index and rebuild it from archive/");
  AddStudyOption(cmd, ctx);
  static IndexRunOptions opts;
  cmd->add_flag("--rebuild", opts.rebuild, "Delete the index and rebuild it from the archive");
  cmd->add_option("--model", opts.model, "Classifier model file (default: study's or bundled)");
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto study = OpenStudy(ctx);
      if (!study) return kExitRuntime;
      ProgressLine progress("index: records");
      auto s = RunIndexPipeline(
          *study, opts, [&](std::size_t done, const std::string& file) { progress.Update(done, 0, file); },
          [&](const std::string& w) {
            progress.Finish();
            Warn(w);
          });
      progress.Finish();
      if (!s) return ReportError(s.error());
      return PrintIndexSummary(*s);
    };
  });
}

}  // namespace framescope::cli
