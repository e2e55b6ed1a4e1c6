#include "app/cli/interrupt_summary.h"

#include "app/cli/train_checkpoints.h"

#include <cstdio>

namespace nnlab::cli {

namespace {

std::string percent(double fraction)
{
    char text[16];
    std::snprintf(text, sizeof text, "%.2f%%", 100 * fraction);
    return text;
}

std::string joined(const std::vector<std::string>& names)
{
    std::string text;
    for (const std::string& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

}  // namespace

std::string interruptedLine(const InterruptedCommand& c)
{
    if (c.results.empty() || !c.trained)
        return std::string(c.results.empty() ? "interrupted before training started"
                                             : "interrupted before the first mini-batch") +
               "; nothing was trained" + (c.saveAsked ? ", nothing saved" : "") +
               (c.checkpoint && !c.results.empty() ? "; continue with: nnlab-cli train --resume " + *c.checkpoint + c.again
                                                   : "");
    const TrainSummary& last = c.results.back().summary;
    const bool cut = last.reason == StopReason::Stopped;   // the signal stopped the run in progress
    const bool more = cut || int(c.results.size()) < c.runs;
    const std::string run = c.runs > 1 ? "run " + std::to_string(c.results.size()) + " of " + std::to_string(c.runs) : "";
    std::string line = "interrupted ";
    if (cut)
        line += (run.empty() ? "" : "in " + run + " ") + "with " + std::to_string(last.epochs) + " of " +
                std::to_string(c.epochs) + " epochs done";
    else
        line += "after " + (run.empty() ? "the run" : run) + " had ended (" + last.message + ")";

    const RunResult& best = c.results[bestRun(c.results)];
    if (best.summary.bestTestEpoch > 0)
        line += "; best test accuracy so far " + percent(best.summary.bestTestAccuracy) + " (" +
                (c.runs > 1 ? "run " + std::to_string(bestRun(c.results) + 1) + ", " : "") + "epoch " +
                std::to_string(best.summary.bestTestEpoch) + ")";
    if (c.saveAsked)
        line += c.saved.empty() ? "; nothing saved" : "; saved " + joined(c.saved);
    if (c.checkpoint) {
        line += c.runs > 1 ? "; checkpoints " + memberPath(*c.checkpoint, 1, c.runs).string() + " … " +
                                 memberPath(*c.checkpoint, c.runs, c.runs).string()
                           : "; checkpoint " + *c.checkpoint;
        if (c.checkpointBehind)
            line += " (the last write failed: it holds an earlier state)";
        line += more ? ": continue with: nnlab-cli train --resume " + *c.checkpoint + c.again
                     : (c.runs > 1 ? " hold the finished runs" : " holds the finished run");
    } else if (more) {
        line += "; --checkpoint FILE would have let it continue";
    }
    return line;
}

}  // namespace nnlab::cli
