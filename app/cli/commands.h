// commands.h — nnlab-cli's subcommands. Each returns the process exit code; a UsageError
// thrown from one is printed with the usage text and exits 2.
#pragma once

#include <string>
#include <vector>

namespace nnlab::cli {

int runPresets(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runEvaluate(const std::vector<std::string>& args);
int runGradcheck(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runBaselines(const std::vector<std::string>& args);

extern const char* const kUsage;

}  // namespace nnlab::cli
