// args.h — a small command-line parser: "--flag value" and "--switch" options after a command.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace nnlab::cli {

// A mistake in the command line: main() prints it with the usage text and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    // valueFlags take a value ("--eta 0.5"); switches don't ("--json").
    Args(const std::vector<std::string>& argv, const std::set<std::string>& valueFlags,
         const std::set<std::string>& switches);

    bool has(const std::string& flag) const { return m_values.count(flag) || m_switches.count(flag); }
    std::optional<std::string> text(const std::string& flag) const;
    std::optional<int> integer(const std::string& flag, int min, int max) const;
    std::optional<float> number(const std::string& flag, float min, float max) const;

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_switches;
};

}  // namespace nnlab::cli
