#include "core/universality/two_input_network.h"

#include <cmath>

namespace nnlab::universality {

namespace {

Eigen::MatrixXd sigmoidOf(const Eigen::MatrixXd& z)
{
    return (1.0 + (-z.array()).exp()).inverse().matrix();
}

// Appends a step neuron (a row of w¹, b¹) at s along `axis`; returns its index.
int addStep(TwoInputNetwork& net, Axis axis, double s, double w)
{
    const Eigen::Index j = net.w1.rows();
    net.w1.conservativeResize(j + 1, 2);
    net.b1.conservativeResize(j + 1);
    net.w1(j, 0) = axis == Axis::X ? w : 0.0;
    net.w1(j, 1) = axis == Axis::Y ? w : 0.0;
    net.b1(j) = biasForStep(w, s);
    return static_cast<int>(j);
}

TwoInputNetwork emptyNetwork()
{
    TwoInputNetwork net;
    net.w1.resize(0, 2);
    net.b1.resize(0);
    net.w2.resize(0, 0);
    net.b2.resize(0);
    return net;
}

}  // namespace

Eigen::MatrixXd TwoInputNetwork::evaluate(const Eigen::MatrixXd& xy) const
{
    Eigen::MatrixXd z1 = w1 * xy;
    z1.colwise() += b1;
    Eigen::MatrixXd a = sigmoidOf(z1);  // (H₁ × P)
    if (hasTowerLayer()) {
        Eigen::MatrixXd z2 = w2 * a;
        z2.colwise() += b2;
        a = sigmoidOf(z2);  // (H₂ × P)
    }
    Eigen::MatrixXd z = v * a;
    z.colwise() += c;
    return outputKind == OutputKind::Sigmoid ? sigmoidOf(z) : z;
}

double TwoInputNetwork::output(double x, double y, int k) const
{
    Eigen::MatrixXd xy(2, 1);
    xy << x, y;
    return evaluate(xy)(k, 0);
}

Eigen::MatrixXd TwoInputNetwork::outputGrid(int nx, int ny, int k) const
{
    return outputGrids(nx, ny).at(static_cast<size_t>(k));
}

std::vector<Eigen::MatrixXd> TwoInputNetwork::outputGrids(int nx, int ny) const
{
    const int outputs = outputCount();
    std::vector<Eigen::MatrixXd> grids(static_cast<size_t>(outputs), Eigen::MatrixXd(nx, ny));
    const bool separable = ((w1.col(0).array() == 0.0) || (w1.col(1).array() == 0.0)).all();
    if (!separable) {
        Eigen::MatrixXd xy(2, static_cast<Eigen::Index>(nx) * ny);
        for (int i = 0; i < nx; ++i)
            for (int j = 0; j < ny; ++j) {
                xy(0, i * ny + j) = (i + 0.5) / nx;
                xy(1, i * ny + j) = (j + 0.5) / ny;
            }
        const Eigen::MatrixXd out = evaluate(xy);
        for (int k = 0; k < outputs; ++k)
            for (int i = 0; i < nx; ++i)
                grids[k].row(i) = out.row(k).segment(static_cast<Eigen::Index>(i) * ny, ny);
        return grids;
    }
    // a¹ splits into a part that depends on x only and one on y only (neurons with w_y = 0 or
    // w_x = 0), so w·a¹ = w·a¹ₓ(x) + w·a¹ᵧ(y): two small products instead of one per cell.
    const Eigen::Index h1 = w1.rows();
    Eigen::MatrixXd ax = Eigen::MatrixXd::Zero(h1, nx), ay = Eigen::MatrixXd::Zero(h1, ny);
    for (Eigen::Index j = 0; j < h1; ++j) {
        const bool onX = w1(j, 1) == 0.0 && w1(j, 0) != 0.0;
        for (int i = 0; i < nx; ++i)
            ax(j, i) = onX ? sigmoid(w1(j, 0) * (i + 0.5) / nx + b1(j)) : 0.0;
        for (int i = 0; i < ny; ++i)
            ay(j, i) = onX ? 0.0 : sigmoid(w1(j, 1) * (i + 0.5) / ny + b1(j));
    }
    const Eigen::MatrixXd& next = hasTowerLayer() ? w2 : v;
    const Eigen::MatrixXd zx = next * ax, zy = next * ay;  // (H × nx), (H × ny)
    for (int i = 0; i < nx; ++i) {
        Eigen::MatrixXd z = zy;  // (H × ny): the whole column x_i at once
        z.colwise() += zx.col(i);
        Eigen::MatrixXd out;
        if (hasTowerLayer()) {
            z.colwise() += b2;
            out = v * sigmoidOf(z);
        } else {
            out = z;
        }
        out.colwise() += c;
        if (outputKind == OutputKind::Sigmoid)
            out = sigmoidOf(out);
        for (int k = 0; k < outputs; ++k)
            grids[k].row(i) = out.row(k);
    }
    return grids;
}

double meanGridDeviation(const Function2D& f, const Eigen::MatrixXd& grid)
{
    const Eigen::Index nx = grid.rows(), ny = grid.cols();
    if (grid.size() == 0)
        return 0.0;
    double sum = 0.0;
    for (Eigen::Index i = 0; i < nx; ++i)
        for (Eigen::Index j = 0; j < ny; ++j)
            sum += std::abs(f((i + 0.5) / double(nx), (j + 0.5) / double(ny)) - grid(i, j));
    return sum / double(grid.size());
}

double towerThresholdBias(double h)
{
    return -1.5 * h;
}

TwoInputNetwork stepNetwork(Axis axis, double s, double w)
{
    TwoInputNetwork net = emptyNetwork();
    addStep(net, axis, s, w);
    net.v = Eigen::MatrixXd::Ones(1, 1);
    net.c = Eigen::VectorXd::Zero(1);
    return net;
}

TwoInputNetwork bumpNetwork(Axis axis, double s1, double s2, double h, double w)
{
    TwoInputNetwork net = emptyNetwork();
    addStep(net, axis, s1, w);
    addStep(net, axis, s2, w);
    net.v.resize(1, 2);
    net.v << h, -h;
    net.c = Eigen::VectorXd::Zero(1);
    return net;
}

TwoInputNetwork plateauNetwork(Interval x, Interval y, double h, double w)
{
    TwoInputNetwork net = emptyNetwork();
    addStep(net, Axis::X, x.from, w);
    addStep(net, Axis::X, x.to, w);
    addStep(net, Axis::Y, y.from, w);
    addStep(net, Axis::Y, y.to, w);
    net.v.resize(1, 4);
    net.v << h, -h, h, -h;
    net.c = Eigen::VectorXd::Zero(1);
    return net;
}

TwoInputNetwork towerNetwork(Interval x, Interval y, double w, double h, double bias, double height)
{
    TwoInputNetwork net = plateauNetwork(x, y, 1.0, w);
    net.w2.resize(1, 4);
    net.w2 << h, -h, h, -h;  // the plateau, scaled by h, into the tower neuron
    net.b2 = Eigen::VectorXd::Constant(1, bias);
    net.v = Eigen::MatrixXd::Constant(1, 1, height);
    net.c = Eigen::VectorXd::Zero(1);
    return net;
}

TwoInputNetwork towerGridNetwork(const std::vector<Function2D>& fs, int n, double w, double h)
{
    TwoInputNetwork net = emptyNetwork();
    // Neurons 2i, 2i+1: the x-bump of column i; 2n + 2j, 2n + 2j + 1: the y-bump of row j.
    for (int i = 0; i < n; ++i) {
        addStep(net, Axis::X, static_cast<double>(i) / n, w);
        addStep(net, Axis::X, static_cast<double>(i + 1) / n, w);
    }
    for (int j = 0; j < n; ++j) {
        addStep(net, Axis::Y, static_cast<double>(j) / n, w);
        addStep(net, Axis::Y, static_cast<double>(j + 1) / n, w);
    }
    const int towers = n * n;
    net.w2 = Eigen::MatrixXd::Zero(towers, 4 * n);
    net.b2 = Eigen::VectorXd::Constant(towers, towerThresholdBias(h));
    net.v.resize(static_cast<Eigen::Index>(fs.size()), towers);
    net.c = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(fs.size()));
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const int t = i * n + j;
            net.w2(t, 2 * i) = h;
            net.w2(t, 2 * i + 1) = -h;
            net.w2(t, 2 * n + 2 * j) = h;
            net.w2(t, 2 * n + 2 * j + 1) = -h;
            for (size_t k = 0; k < fs.size(); ++k)
                net.v(static_cast<Eigen::Index>(k), t) = fs[k]((i + 0.5) / n, (j + 0.5) / n);
        }
    return net;
}

double nInputThresholdBias(int n, double h)
{
    return -(n - 0.5) * h;
}

double nInputTower(const std::vector<double>& x, const std::vector<Interval>& box, double w, double h)
{
    const int n = static_cast<int>(x.size());
    double z = nInputThresholdBias(n, h);
    for (int i = 0; i < n; ++i) {
        // The bump in input i: σ(w(x_i − from)) − σ(w(x_i − to)), weighted by h into the tower neuron.
        z += h * (sigmoid(w * x[i] + biasForStep(w, box[i].from)) - sigmoid(w * x[i] + biasForStep(w, box[i].to)));
    }
    return sigmoid(z);
}

}  // namespace nnlab::universality
