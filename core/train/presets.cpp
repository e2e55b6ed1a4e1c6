#include "core/train/presets.h"

#include "core/util/book_link.h"

namespace nnlab {

namespace {

TrainConfig sigmoidNet(std::vector<int> sizes, Cost cost, Initialisation init, float eta, float lambda = 0.0f,
                       int epochs = 30, int trainingSize = 50000)
{
    TrainConfig c;
    c.net.sizes = std::move(sizes);
    c.net.cost = cost;
    c.init = init;
    c.hyper.eta = eta;
    c.hyper.lambda = lambda;
    c.epochs = epochs;
    c.trainingSize = trainingSize;
    return c;
}

// Chapter 5's learning-speed experiment: full-batch gradient descent, one step per epoch (m = n).
TrainConfig fullBatch(TrainConfig c)
{
    c.miniBatchSize = c.trainingSize;
    return c;
}

// Chapter 6's networks, with network3.py's hyperparameters. network3.py adds
// ½·λ·Σw² / (number of mini-batches) to each mini-batch's cost; our λ is network2.py's (λ/2n·Σw²
// over the whole set, eq. 85), so the book's λ = 0.1 at m = 10 is λ = 0.1·n/(n/m) = 1.0 here.
TrainConfig convNet(const std::string& architecture, Activation hidden, float eta, float lambda, int epochs,
                    bool expand = false, float dropout = 0.0f)
{
    TrainConfig c;
    parseArchitecture(architecture, c.net);
    c.net.hidden = hidden;
    c.net.output = Activation::Softmax;
    c.net.cost = Cost::LogLikelihood;
    c.net.dropout = dropout;
    c.init = Initialisation::Scaled;
    c.hyper.eta = eta;
    c.hyper.lambda = lambda;
    c.epochs = epochs;
    c.expansion.shifts = expand;
    return c;
}

// The dropout net starts as network3.py does: weights N(0, 1/n_out), the softmax layer at zero.
// With chapter 3's 1/sqrt(n_in) instead, five such members voted 99.60% (README, chapter 6).
TrainConfig network3Init(TrainConfig c)
{
    c.init = Initialisation::Network3;
    return c;
}

std::vector<Preset> makePresets()
{
    using enum Cost;
    using enum Initialisation;
    // The sections that run them (anchors of the book's chapter pages, core/util/book_link.h).
    const std::string implementing = "implementing_our_network_to_classify_digits";     // chapter 1
    const std::string crossEntropyOnMnist = "using_the_cross-entropy_to_classify_mnist_digits";   // 3
    const std::string overfitting = "overfitting_and_regularization", regularization = "regularization";
    const std::string initialization = "weight_initialization";
    const std::string vanishingGradient = "the_vanishing_gradient_problem";   // chapter 5
    const std::string convnetsInPractice = "convolutional_neural_networks_in_practice";   // chapter 6
    return {
        {"ch1-784-30-10", 1, implementing,
         "Chapter 1's network: 30 sigmoid hidden neurons, quadratic cost, η = 3.0",
         sigmoidNet({784, 30, 10}, Quadratic, Large, 3.0f), 0.9542, "95.42% at its peak (epoch 28)"},
        {"ch1-784-100-10", 1, implementing,
         "Chapter 1 with 100 hidden neurons",
         sigmoidNet({784, 100, 10}, Quadratic, Large, 3.0f), 0.9659, "96.59%"},
        {"ch3-cross-entropy", 3, crossEntropyOnMnist,
         "Chapter 3: cross-entropy cost instead of quadratic, η = 0.5",
         sigmoidNet({784, 30, 10}, CrossEntropy, Large, 0.5f), 0.9549, "95.49%"},
        {"ch3-784-100-10-l2", 3, regularization,
         "Chapter 3: 100 hidden neurons, cross-entropy, L2 regularisation λ = 5.0",
         sigmoidNet({784, 100, 10}, CrossEntropy, Large, 0.5f, 5.0f), 0.9792, "97.92% on the validation data"},
        {"ch3-overfitting", 3, overfitting,
         "Chapter 3: overfitting — 1,000 training images, 400 epochs, no regularisation",
         sigmoidNet({784, 30, 10}, CrossEntropy, Large, 0.5f, 0.0f, 400, 1000), 0.8227,
         "82.27% (\"test accuracy tops out at\")"},
        {"ch3-overfitting-l2", 3, regularization,
         "Chapter 3: the same 1,000 images with L2 regularisation λ = 0.1",
         sigmoidNet({784, 30, 10}, CrossEntropy, Large, 0.5f, 0.1f, 400, 1000), 0.871, "87.1%"},
        {"ch3-scaled-init", 3, initialization,
         "Chapter 3: weights initialised N(0, 1/n_in), 100 hidden, λ = 5.0",
         sigmoidNet({784, 100, 10}, CrossEntropy, Scaled, 0.5f, 5.0f), std::nullopt,
         "same final accuracy as large init, reached sooner"},
        {"ch5-784-30-30-10", 5, vanishingGradient,
         "Chapter 5: two hidden layers of 30",
         sigmoidNet({784, 30, 30, 10}, CrossEntropy, Scaled, 0.1f, 5.0f), 0.9690, "96.90%"},
        {"ch5-784-30-30-30-10", 5, vanishingGradient,
         "Chapter 5: three hidden layers — deeper is not better yet",
         sigmoidNet({784, 30, 30, 30, 10}, CrossEntropy, Scaled, 0.1f, 5.0f), 0.9657, "96.57%"},
        {"ch5-784-30-30-30-30-10", 5, vanishingGradient,
         "Chapter 5: four hidden layers — the early layers learn slowest",
         sigmoidNet({784, 30, 30, 30, 30, 10}, CrossEntropy, Scaled, 0.1f, 5.0f), 0.9653, "96.53%"},
        {"ch5-speed-2", 5, vanishingGradient,
         "Chapter 5's learning speed: [784, 30, 30, 10], full-batch on 1,000 images",
         fullBatch(sigmoidNet({784, 30, 30, 10}, CrossEntropy, Scaled, 0.1f, 5.0f, 500, 1000)), std::nullopt,
         "‖δ¹‖ = 0.07, ‖δ²‖ = 0.31 at the start"},
        {"ch5-speed-3", 5, vanishingGradient,
         "Chapter 5's learning speed: [784, 30, 30, 30, 10], full-batch on 1,000 images",
         fullBatch(sigmoidNet({784, 30, 30, 30, 10}, CrossEntropy, Scaled, 0.1f, 5.0f, 500, 1000)), std::nullopt,
         "‖δ¹‖ = 0.012, ‖δ²‖ = 0.060, ‖δ³‖ = 0.283 at the start"},
        {"ch5-speed-4", 5, vanishingGradient,
         "Chapter 5's learning speed: [784, 30, 30, 30, 30, 10], full-batch on 1,000 images",
         fullBatch(sigmoidNet({784, 30, 30, 30, 30, 10}, CrossEntropy, Scaled, 0.1f, 5.0f, 500, 1000)),
         std::nullopt, "‖δ¹‖ = 0.003, ‖δ²‖ = 0.017, ‖δ³‖ = 0.070, ‖δ⁴‖ = 0.285 at the start"},
        {"ch6-fc-baseline", 6, convnetsInPractice,
         "Chapter 6's baseline: 100 sigmoid neurons and a softmax output, 60 epochs",
         convNet("784,100,10", Activation::Sigmoid, 0.1f, 0.0f, 60), 0.9780, "97.80%"},
        {"ch6-conv1", 6, convnetsInPractice,
         "One convolution-pooling layer (20 maps, 5×5, 2×2 max-pool) before it",
         convNet("784,conv20x5,pool2,100,10", Activation::Sigmoid, 0.1f, 0.0f, 60), 0.9878, "98.78%"},
        {"ch6-conv2", 6, convnetsInPractice,
         "A second convolution-pooling layer (40 maps)",
         convNet("784,conv20x5,pool2,conv40x5,pool2,100,10", Activation::Sigmoid, 0.1f, 0.0f, 60), 0.9906, "99.06%"},
        {"ch6-relu", 6, convnetsInPractice,
         "Rectified linear units, η = 0.03, L2 regularisation (book λ = 0.1)",
         convNet("784,conv20x5,pool2,conv40x5,pool2,100,10", Activation::ReLU, 0.03f, 1.0f, 60), 0.9923, "99.23%"},
        {"ch6-expanded", 6, convnetsInPractice,
         "Expanded training data: each image shifted one pixel four ways (250,000)",
         convNet("784,conv20x5,pool2,conv40x5,pool2,100,10", Activation::ReLU, 0.03f, 1.0f, 60, true), 0.9937,
         "99.37%"},
        {"ch6-extra-fc", 6, convnetsInPractice,
         "An extra fully connected layer of 100",
         convNet("784,conv20x5,pool2,conv40x5,pool2,100,100,10", Activation::ReLU, 0.03f, 1.0f, 60, true), 0.9943,
         "99.43%"},
        {"ch6-dropout", 6, convnetsInPractice,
         "Two fully connected layers of 1,000 with dropout 0.5, 40 epochs",
         network3Init(convNet("784,conv20x5,pool2,conv40x5,pool2,1000,1000,10", Activation::ReLU, 0.03f, 0.0f, 40,
                              true, 0.5f)),
         0.9960, "99.60%"},
        {"ch6-ensemble", 6, convnetsInPractice,
         "An ensemble of five of those networks, voting",
         network3Init(convNet("784,conv20x5,pool2,conv40x5,pool2,1000,1000,10", Activation::ReLU, 0.03f, 0.0f, 40,
                              true, 0.5f)),
         0.9967, "99.67%", 5},
    };
}

}  // namespace

const std::vector<Preset>& presets()
{
    static const std::vector<Preset> all = makePresets();
    return all;
}

const Preset* findPreset(const std::string& name)
{
    for (const Preset& p : presets())
        if (p.name == name)
            return &p;
    return nullptr;
}

std::string bookUrl(const Preset& preset)
{
    return bookUrl(preset.chapter, preset.bookSection);
}

}  // namespace nnlab
