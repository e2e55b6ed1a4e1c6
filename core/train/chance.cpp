#include "core/train/chance.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace nnlab {

double chanceAccuracy(int classes)
{
    return 1.0 / std::max(1, classes);
}

bool isAtChance(double accuracy, int classes)
{
    return accuracy < 1.5 * chanceAccuracy(classes);
}

bool isAtChance(const TrainSummary& summary, int classes)
{
    return summary.epochs >= 1 && isAtChance(summary.finalTestAccuracy, classes);
}

std::string atChanceHint(const TrainSummary& summary, int classes, float eta)
{
    if (!isAtChance(summary, classes))
        return {};
    char accuracy[32];
    std::snprintf(accuracy, sizeof accuracy, "%.2f%%", 100 * summary.finalTestAccuracy);
    std::ostringstream s;   // η as describe() writes it
    s << "accuracy at chance (" << accuracy << ", guessing among " << classes << " classes gives "
      << 100 * chanceAccuracy(classes) << "%) after " << summary.epochs << (summary.epochs == 1 ? " epoch" : " epochs")
      << ": η = " << eta << " may be too large";
    return s.str();
}

}  // namespace nnlab
