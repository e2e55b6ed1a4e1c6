#include "ui/shell/view_guide.h"

#include "core/util/book_link.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ViewGuide", text);
}

}  // namespace

QUrl BookSection::url() const
{
    return QUrl(QString::fromStdString(nnlab::bookUrl(chapter, anchor.toStdString())));
}

const std::vector<BookSection>& bookSections()
{
    // Anchors and headings as in the book's chapter pages (mnielsen/nnadl_site); the headings
    // are the book's own and stay in English, like the book.
    static const std::vector<BookSection> all = {
        {1, "perceptrons", "Perceptrons"},
        {1, "a_simple_network_to_classify_handwritten_digits", "A simple network to classify handwritten digits"},
        {1, "learning_with_gradient_descent", "Learning with gradient descent"},
        {1, "implementing_our_network_to_classify_digits", "Implementing our network to classify digits"},
        {1, "toward_deep_learning", "Toward deep learning"},
        {2, "the_four_fundamental_equations_behind_backpropagation",
         "The four fundamental equations behind backpropagation"},
        {2, "the_backpropagation_algorithm", "The backpropagation algorithm"},
        {2, "the_code_for_backpropagation", "The code for backpropagation"},
        {2, "in_what_sense_is_backpropagation_a_fast_algorithm", "In what sense is backpropagation a fast algorithm?"},
        {3, "the_cross-entropy_cost_function", "The cross-entropy cost function"},
        {3, "using_the_cross-entropy_to_classify_mnist_digits", "Using the cross-entropy to classify MNIST digits"},
        {3, "softmax", "Softmax"},
        {3, "overfitting_and_regularization", "Overfitting and regularization"},
        {3, "regularization", "Regularization"},
        {3, "weight_initialization", "Weight initialization"},
        {4, "universality_with_one_input_and_one_output", "Universality with one input and one output"},
        {4, "many_input_variables", "Many input variables"},
        {5, "the_vanishing_gradient_problem", "The vanishing gradient problem"},
        {5, "what's_causing_the_vanishing_gradient_problem_unstable_gradients_in_deep_neural_nets",
         "What's causing the vanishing gradient problem? Unstable gradients in deep neural nets"},
        {6, "introducing_convolutional_networks", "Introducing convolutional networks"},
        {6, "convolutional_neural_networks_in_practice", "Convolutional neural networks in practice"},
    };
    return all;
}

BookSection bookSection(int chapter, const QString& anchor)
{
    for (const BookSection& s : bookSections())
        if (s.chapter == chapter && s.anchor == anchor)
            return s;
    return {};
}

std::vector<ViewGuide> viewGuides()
{
    return {
        {"data", tr("Data"),
         tr("The images the networks learn from: MNIST's training, validation and test sets, a page at a time."),
         bookSection(1, "learning_with_gradient_descent"), {}, {},
         tr("<p>The data every network in nnlab learns from: MNIST's 28×28 images of handwritten digits, split "
            "as the book splits them (50,000 training, 10,000 validation, 10,000 test images), or Fashion-MNIST's "
            "clothes in the same format.</p>"
            "<h4>Try first</h4><ul>"
            "<li>Page through the training set and click a digit to see it large, with its label y.</li>"
            "<li>Switch to the test set: the network is never trained on these.</li></ul>"
            "<h4>The controls</h4><ul>"
            "<li><b>Dataset</b>: MNIST or Fashion-MNIST.</li>"
            "<li><b>Set</b>: training, validation or test images.</li>"
            "<li><b>◀ Previous / Next ▶</b> (Page Up / Page Down): a page of images at a time.</li>"
            "<li>The bar chart counts the images of each class in the chosen set.</li></ul>")},
        {"train", tr("Train"),
         tr("Train a network with stochastic gradient descent and watch its cost, accuracy and speed of learning."),
         bookSection(1, "implementing_our_network_to_classify_digits"), {}, {},
         tr("<p>Mini-batch stochastic gradient descent on MNIST, live: the cost C, the accuracy on the test and "
            "validation data, and ‖∂C/∂bˡ‖, how fast each layer learns. Every run of this session is kept "
            "for comparison.</p>"
            "<h4>Try first</h4><ul>"
            "<li>Press <b>Start</b> with chapter 1's preset: about 95% of the test digits right after a few "
            "epochs.</li>"
            "<li>Press <b>Pause</b>, then <b>Run ▸ Step one mini-batch</b> (F10) to watch single steps of m "
            "images.</li>"
            "<li>Change η while it runs: the next mini-batch uses it.</li></ul>"
            "<h4>The controls</h4><ul>"
            "<li><b>Preset</b>: one of the book's experiments, with the figure the book reports and a link "
            "to the section that runs it.</li>"
            "<li><b>Layers</b>, activations, cost and initialisation: the network.</li>"
            "<li><b>η</b> (learning rate), <b>λ</b> (L2 regularisation), <b>μ</b> (momentum), <b>m</b> "
            "(mini-batch size), epochs and n (training images): the training.</li>"
            "<li><b>Start</b> (Ctrl+Enter), <b>Pause/Resume</b> (Space), <b>Stop</b> (Esc): act between two "
            "mini-batches.</li>"
            "<li><b>Model</b> and <b>Export</b>: save or load a network, save a plot or the metrics "
            "(also in the File menu).</li></ul>")},
        {"draw", tr("Draw"), tr("Draw a digit and watch a trained network read it as you draw."),
         bookSection(1, "a_simple_network_to_classify_handwritten_digits"), {}, {},
         tr("<p>Your digit goes through MNIST's own preprocessing (scaled to 20×20, centred in 28×28) and into "
            "the network; its ten outputs a<sup>L</sup> are the bars, the largest is its guess. Beside them (a tab "
            "in a small window) the hidden layers light up as you draw: a tile per neuron, its weights w "
            "vivid as it fires; a convnet's feature maps layer by layer. Point at a neuron or click it for its "
            "z = w·a + b, a = σ(z) and its strongest weights into the outputs. Below, the test digits the "
            "network gets wrong.</p>"
            "<h4>Try first</h4><ul>"
            "<li>Draw a 4 with an open top, then a closed one: does the guess change?</li>"
            "<li>Press T for a random test digit and compare with what you draw.</li>"
            "<li>Click a hidden neuron, then draw: which strokes make it fire?</li></ul>"
            "<h4>The controls</h4><ul>"
            "<li><b>Network</b>: the built-in network, the one the Train view trained, or a model file.</li>"
            "<li><b>Clear</b> (Del), <b>Undo stroke</b> (Ctrl+Z), <b>Load image…</b> (Ctrl+O), "
            "<b>Test digit</b> (T).</li>"
            "<li><b>What the network sees</b>: the 28×28 input x after preprocessing.</li></ul>")},
        {"backprop", tr("Backprop"),
         tr("Backpropagation step by step: the forward pass, then BP1–BP4 layer by layer, and a gradient check."),
         bookSection(2, "the_four_fundamental_equations_behind_backpropagation"), "backpropTabs",
         {bookSection(2, "the_backpropagation_algorithm"), bookSection(2, "the_code_for_backpropagation")},
         tr("<p>One training example through a network: zˡ = wˡaˡ⁻¹ + bˡ and aˡ = σ(zˡ) forward, then the "
            "error δᴸ (BP1), δˡ for each earlier layer (BP2), and the gradients ∂C/∂bˡ (BP3) and ∂C/∂wˡ "
            "(BP4). The gradient check compares them with finite differences and times both.</p>"
            "<h4>Try first</h4><ul>"
            "<li>On the tiny network, step forward and back one equation at a time.</li>"
            "<li>Run the gradient check: backpropagation agrees with finite differences, thousands of "
            "times faster.</li></ul>"
            "<h4>The controls</h4><ul>"
            "<li><b>Tiny network</b> tab: edit the weights, biases, x and y, and step through.</li>"
            "<li><b>784-30-10 on a real digit</b> tab: chapter 1's network on an MNIST test digit, each "
            "layer as heat strips.</li>"
            "<li><b>Gradient check</b>: which network to check, and the finite-difference comparison.</li></ul>")},
        {"slowdown", tr("Slowdown"),
         tr("Why a saturated neuron learns slowly with the quadratic cost but not with cross-entropy; softmax."),
         bookSection(3, "the_cross-entropy_cost_function"), {}, {},
         tr("<p>A single sigmoid neuron learning to output 0 from a bad start: with the quadratic cost its "
            "gradient carries σ′(z), tiny when the neuron saturates, so it hardly learns at first; "
            "cross-entropy cancels σ′(z). Below it, softmax: outputs that are positive and sum to 1.</p>"
            "<h4>Try first</h4><ul>"
            "<li>Run the book's saturated start with each cost and compare the curves.</li>"
            "<li>Drag a z<sub>j</sub> in the softmax panel and watch every output a<sub>j</sub> move.</li></ul>"
            "<h4>The controls</h4><ul>"
            "<li><b>Preset</b>, <b>start w</b>, <b>b</b>, <b>η</b> and <b>Cost</b>: the neuron and its training; "
            "<b>Run</b> and <b>Reset</b>.</li>"
            "<li><b>z<sub>j</sub></b> sliders: the softmax layer's weighted inputs; <b>Book's z</b> restores "
            "them.</li></ul>")},
        {"universality", tr("Universality"),
         tr("Chapter 4's visual proof: one hidden layer of sigmoid neurons can approximate any function."),
         bookSection(4, "universality_with_one_input_and_one_output"), "universalityTabs",
         {bookSection(4, "universality_with_one_input_and_one_output"),
          bookSection(4, "universality_with_one_input_and_one_output"), bookSection(4, "many_input_variables"),
          bookSection(1, "perceptrons")},
         tr("<p>A neuron with a large weight is a step; two steps make a bump; enough bumps add up to any f(x). "
            "In two inputs, steps make towers, and a grid of towers approximates f(x, y). Chapter 1's "
            "perceptrons are on the last page.</p>"
            "<h4>Try first</h4><ul>"
            "<li>On <b>Bumps</b>, drag the bump heights to match the book's f(x) and watch the deviation fall.</li>"
            "<li>On <b>One neuron</b>, raise w and watch σ(wx + b) turn into a step at s = −b/w.</li></ul>"
            "<h4>The controls</h4><ul>"
            "<li>Sliders for w, b, the step points s and the heights h; drag the plots directly.</li>"
            "<li><b>Bumps</b>: N, the target f (the book's, a formula you type, or drawn with the mouse), "
            "<b>Auto-construct</b>, and the book's fix for the windows of failure (M).</li>"
            "<li><b>Towers</b>: a single tower or a grid of them in x and y.</li></ul>")},
        {"deep-nets", tr("Deep nets"),
         tr("Why deep networks are hard to train: the early hidden layers learn far slower than the later ones."),
         bookSection(5, "the_vanishing_gradient_problem"), {}, {},
         tr("<p>The book's experiment: 1,000 MNIST images, full-batch gradient descent, η = 0.1, λ = 5. The "
            "speed at which each hidden layer learns, ‖δˡ‖, falls layer by layer towards the input: the "
            "vanishing gradient. A chain of single neurons shows why: δ is a product of w·σ′(z) terms.</p>"
            "<h4>Try first</h4><ul>"
            "<li>Press <b>Run</b> with four hidden layers and compare ‖δ¹‖ with ‖δ⁴‖.</li>"
            "<li>Switch the hidden neurons to ReLU, or the weights to N(0, 1), and run again.</li></ul>"
            "<h4>The controls</h4><ul>"
            "<li>The network (2, 3 or 4 hidden layers of 30), the hidden neurons and how weights start.</li>"
            "<li><b>Run</b> and <b>Stop</b> (between epochs).</li>"
            "<li>The chain of five neurons: |∂C/∂bⱼ| along it, a product of w·σ′(z) factors (eq. 122).</li>"
            "</ul>")},
        {"inspect", tr("Inspect"),
         tr("Inside a trained network: what its hidden neurons look for, what it confuses, how it is fooled."),
         bookSection(1, "toward_deep_learning"), {}, {},
         tr("<p>The first hidden layer's weights drawn as images, the confusion matrix of the 10,000 test "
            "digits, an adversarial example made by the fast gradient sign method, and the accuracy against "
            "chapter 1's baselines (random guessing, average darkness, an SVM).</p>"
            "<h4>Try first</h4><ul>"
            "<li>Click the largest off-diagonal cell of the confusion matrix to see those digits.</li>"
            "<li>Raise ε until the perturbed digit is read wrong: how much did the pixels move?</li>"
            "<li>Click a neuron's tile and <b>Silence</b> it: how much accuracy did that one neuron carry?</li></ul>"
            "<h4>The controls</h4><ul>"
            "<li><b>Network</b>: the built-in network, the Train view's, or a model file.</li>"
            "<li>Confusion matrix: rows are the true label y, columns the prediction; click a cell.</li>"
            "<li><b>Test digit</b> and <b>ε</b>: the image x and how far each pixel may move.</li>"
            "<li><b>Change a neuron</b> (a convnet: a first-layer filter): <b>Silence</b> it, <b>Scale w</b> "
            "(w' = s·w), <b>Negate w</b>, or paint on its weights (left button raises w, right lowers). The "
            "accuracy, the confusion matrix and the FGSM panel then show the changed network; <b>Reset</b> "
            "brings the trained weights back, <b>Save as model…</b> keeps the change, and the Draw view can "
            "read with it (<i>Edited in the Inspect view</i>).</li></ul>")},
        {"convnets", tr("Convnets"),
         tr("Inside a convolutional network: the filters each layer learned and the feature maps of one digit."),
         bookSection(6, "introducing_convolutional_networks"), {}, {},
         tr("<p>Local receptive fields, shared weights and pooling: each 5×5 filter slides over the image and "
            "makes one feature map; max-pooling keeps the strongest response in each 2×2 patch.</p>"
            "<h4>Try first</h4><ul>"
            "<li>Pick a few random digits and look at which maps light up for strokes in each direction.</li></ul>"
            "<h4>The controls</h4><ul>"
            "<li><b>Embedded convnet</b> or <b>Open model…</b>: the network to look inside.</li>"
            "<li><b>Test digit #</b> and <b>Random digit</b>: the input x.</li></ul>")},
    };
}

ViewGuide viewGuide(const QString& key)
{
    for (ViewGuide& g : viewGuides())
        if (g.key == key)
            return g;
    return {};
}
