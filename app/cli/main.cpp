// nnlab-cli — the engine without a window: train the book's networks, evaluate models,
// check gradients, and measure speed.
#include "app/cli/args.h"
#include "app/cli/commands.h"

#include <iostream>

namespace nnlab::cli {

const char* const kUsage = R"(usage: nnlab-cli COMMAND [options]

commands:
  presets [--json]                       the book's experiments and the figures it reports
  train [--preset NAME] [options]        train a network (any option overrides the preset)
  evaluate --model FILE [--data DIR] [--dataset mnist|fashion] [--json]
                                         test accuracy of a saved model
  evaluate --ensemble FILE,FILE,...      ... of saved models voting by averaged outputs (chapter 6)
  gradcheck [--net 4,5,3] [--activation ..] [--output ..] [--cost ..] [--samples N]
                                         backprop against finite differences
  bench [--repeat N] [--json]            seconds per training epoch of the standard networks
  baselines [--json]                     chapter 1's yardsticks: random guessing, average darkness

train options (the book's notation in brackets):
  --net 784,30,10           layer sizes; convnets: 784,conv20x5,pool2,conv40x5,pool2,100,10
  --activation sigmoid|tanh|relu        hidden neurons           (σ)
  --output sigmoid|softmax              output layer
  --cost quadratic|cross-entropy|log-likelihood
  --init large|scaled|network3
                            N(0,1) or N(0,1/n_in) weights; network3: as network3.py (chapter 6),
                            N(0,1/n_out), a conv layer's n_out = maps·k²/pool², softmax from zero
  --eta 3.0                 learning rate                        (η)
  --batch 10                mini-batch size                      (m)
  --epochs 30
  --lambda 0                L2 regularisation                    (λ)
  --l1 0                    L1 regularisation
  --momentum 0              momentum co-efficient                (μ)
  --dropout 0               dropout probability of hidden neurons (convnets: and of the last
                            conv/pool outputs, the fully connected layers' inputs, as the book)
  --train-size 50000        use the first n training images      (n)
  --eta-schedule N          halve η after N epochs without validation improvement, stop at η/128
  --early-stop N            stop after N epochs without validation improvement
  --seed 1                  random seed (same seed, same weights)
  --threads 0               backprop threads: 0 chooses (2 for convnets), 1 forces one
  --data DIR                folder with the IDX files (default: see README, "Data")
  --dataset mnist|fashion
  --best-of K               train K networks (seeds seed..seed+K-1) and report the best, as the
                            book does ("best-of-three runs"); --save keeps the best network
  --expand                  expanded training data: every image also shifted 1 pixel 4 ways
  --rotations DEG           ... and rotated by ±DEG degrees
  --ensemble K              train K networks (seeds seed..) and let them vote (averaged outputs);
                            --save writes FILE-member1.json, ...
  --save FILE               save the trained network (network2.py's JSON format; convnets in
                            nnlab's layer-stack format)
  --checkpoint FILE         after every epoch write the run's whole state to FILE, atomically:
                            weights, optimiser, random streams, metrics history
  --resume FILE             continue a checkpointed run where it stopped (same configuration;
                            --epochs may extend it; it goes on checkpointing to FILE); gives the
                            same weights as an unbroken run
                            With --ensemble K or --best-of K each run checkpoints to its own
                            FILE-member1, ...; resume them with the same K: finished members are
                            read back, the interrupted one goes on, the rest start
  --json                    one JSON object per epoch on stdout, then {"summary": ...}
  Ctrl-C stops a run after the mini-batch in progress: its checkpoint is written, the summary
  printed and --save honoured (exit status 130); a second Ctrl-C quits at once.
)";

}  // namespace nnlab::cli

int main(int argc, char** argv)
{
    using namespace nnlab::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    try {
        if (command == "presets")
            return runPresets(args);
        if (command == "train")
            return runTrain(args);
        if (command == "evaluate")
            return runEvaluate(args);
        if (command == "gradcheck")
            return runGradcheck(args);
        if (command == "bench")
            return runBench(args);
        if (command == "baselines")
            return runBaselines(args);
        throw UsageError("unknown command '" + command + "'");
    } catch (const UsageError& e) {
        std::cerr << "nnlab-cli: " << e.what() << "\n\n" << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "nnlab-cli: " << e.what() << "\n";
        return 1;
    }
}
