#include "core/io/summary_json.h"

namespace nnlab {

namespace {
constexpr long long kMaxEpochs = 100000;   // the configuration's limit (config_fields.h)
}

nlohmann::ordered_json summaryFiguresJson(const TrainSummary& s)
{
    return {{"epochs", s.epochs},
            {"training_seconds", s.trainingSeconds},
            {"final_test_accuracy", s.finalTestAccuracy},
            {"best_test_accuracy", s.bestTestAccuracy},
            {"best_test_epoch", s.bestTestEpoch},
            {"best_validation_accuracy", s.bestValidationAccuracy},
            {"best_validation_epoch", s.bestValidationEpoch},
            {"test_accuracy_at_best_validation", s.testAccuracyAtBestValidation}};
}

TrainSummary parseSummaryFigures(const nlohmann::json& o, const JsonReader& reader)
{
    TrainSummary s;
    s.epochs = int(reader.integer(o, "epochs", 0, kMaxEpochs));
    s.trainingSeconds = reader.number(o, "training_seconds");
    s.finalTestAccuracy = reader.number(o, "final_test_accuracy");
    s.bestTestAccuracy = reader.number(o, "best_test_accuracy");
    s.bestTestEpoch = int(reader.integer(o, "best_test_epoch", 0, kMaxEpochs));
    s.bestValidationAccuracy = reader.number(o, "best_validation_accuracy");
    s.bestValidationEpoch = int(reader.integer(o, "best_validation_epoch", 0, kMaxEpochs));
    s.testAccuracyAtBestValidation = reader.number(o, "test_accuracy_at_best_validation");
    return s;
}

}  // namespace nnlab
