#include "app/cli/args.h"

#include <cmath>
#include <sstream>

namespace nnlab::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valueFlags,
           const std::set<std::string>& switches)
{
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (valueFlags.count(arg)) {
            if (i + 1 >= argv.size())
                throw UsageError(arg + " needs a value");
            m_values[arg] = argv[++i];
        } else if (switches.count(arg)) {
            m_switches.insert(arg);
        } else {
            throw UsageError("unknown option '" + arg + "'");
        }
    }
}

std::optional<std::string> Args::text(const std::string& flag) const
{
    const auto it = m_values.find(flag);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::optional<int> Args::integer(const std::string& flag, int min, int max) const
{
    const auto value = text(flag);
    if (!value)
        return std::nullopt;
    std::size_t used = 0;
    long long parsed = 0;
    try {
        parsed = std::stoll(*value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != value->size() || parsed < min || parsed > max)
        throw UsageError(flag + " must be a whole number from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", not '" + *value + "'");
    return static_cast<int>(parsed);
}

std::optional<float> Args::number(const std::string& flag, float min, float max) const
{
    const auto value = text(flag);
    if (!value)
        return std::nullopt;
    std::size_t used = 0;
    float parsed = 0.0f;
    try {
        parsed = std::stof(*value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != value->size() || !std::isfinite(parsed) || parsed < min || parsed > max) {
        std::ostringstream s;
        s << flag << " must be a number from " << min << " to " << max << ", not '" << *value << "'";
        throw UsageError(s.str());
    }
    return parsed;
}

}  // namespace nnlab::cli
