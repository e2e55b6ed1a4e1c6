#include "core/inspect/mistakes.h"

namespace nnlab {

std::vector<Mistake> findMistakes(const Eigen::MatrixXf& outputs, const std::vector<std::uint8_t>& labels, bool softmax)
{
    std::vector<Mistake> mistakes;
    for (Eigen::Index j = 0; j < outputs.cols() && j < Eigen::Index(labels.size()); ++j) {
        Eigen::VectorXf p = outputs.col(j);
        if (!softmax && p.sum() > 0.0f)
            p /= p.sum();
        Eigen::Index first = 0;
        p.maxCoeff(&first);
        if (first == labels[std::size_t(j)])
            continue;
        Eigen::Index second = first == 0 ? 1 : 0;
        for (Eigen::Index k = 0; k < p.size(); ++k)
            if (k != first && p[k] > p[second])
                second = k;
        mistakes.push_back({int(j), labels[std::size_t(j)], int(first), p[first], int(second), p[second]});
    }
    return mistakes;
}

}  // namespace nnlab
