// palette.h — every colour nnlab paints with, in one place, named by what it means.
//
// A view asks for "the validation curve" or "an error message", never for a hex value: the same
// meaning looks the same everywhere, and a colour changes in one line. Curves that a plot tells
// apart by colour take matplotlib's "tab10", the colours of the book's own figures. Where two
// names hold close values (errorText, fooledText), each keeps the look its view has always had.
// Qt's own palette roles (highlight, base, text) stay with QWidget::palette(): they follow the
// desktop's theme.
#pragma once

#include <QColor>
#include <QRgb>
#include <QString>

namespace palette {

// ── Curves told apart by colour: blue, orange, green, red, purple, brown, pink, grey, olive, cyan.
inline constexpr QColor tab10[] = {{0x1f, 0x77, 0xb4}, {0xff, 0x7f, 0x0e}, {0x2c, 0xa0, 0x2c}, {0xd6, 0x27, 0x28},
                                   {0x94, 0x67, 0xbd}, {0x8c, 0x56, 0x4b}, {0xe3, 0x77, 0xc2}, {0x7f, 0x7f, 0x7f},
                                   {0xbc, 0xbd, 0x22}, {0x17, 0xbe, 0xcf}};

// ── A training run (the Train view's cost and accuracy plots).
inline constexpr QColor training = tab10[0];       // curves measured on the training set
inline constexpr QColor validation = tab10[1];     // ... on the validation set
inline constexpr QColor test = tab10[2];           // ... on the test set
inline constexpr QColor bookFigure{0x44, 0x44, 0x44};  // the figure the book reports, a dashed line
// An earlier run drawn dashed over the selected one, and its swatch in the run list: purple,
// brown, pink, grey, olive, cyan, red in turn by run id; never training, validation or test's.
QColor overlayRun(int runId);

// ── Layers, in the plots with a curve or bars per layer (Train: speed of learning; Deep nets).
// Hidden layer l (0 = the first after the input; convolution and pooling layers count): tab10
// without grey and olive, in turn.
QColor hiddenLayer(int l);
// The output layer: near-black, a colour no hidden layer and no overlay run has.
inline constexpr QColor outputLayer{0x22, 0x22, 0x22};

// ── Numbers as colour.
// Signed quantities (z, δ, w, ∂C/∂w, Backprop view): white at 0, towards blue (33, 102, 172) below
// and red (178, 24, 43) above, full at ±scale.
QColor signedValue(double value, double scale);
// Activations a ∈ [0, 1] (Backprop view): white at 0 to dark green (0, 109, 44) at 1.
QColor activation(double a);
// Maps of the Convnets and Inspect views, t ∈ [−1, 1]: filters white at 0 to pure red (t > 0) or
// pure blue (t < 0); intensities (images, feature maps) white at 0 to black at 1.
QRgb signedMapPixel(float t);
QRgb intensityMapPixel(float t);
inline constexpr QColor legendText{40, 40, 40};     // the words and numbers of a colour bar
inline constexpr QColor legendFrame{120, 120, 120}; // the frame around a colour bar

// ── Text: status lines, notes, captions.
inline constexpr QColor errorText{0xb0, 0x00, 0x20};      // something failed or is invalid: a file, an input
inline constexpr QColor warningText{0xa1, 0x5c, 0x00};    // it works, with a caveat
inline constexpr QColor changedText{0xa0, 0x5a, 0x00};    // settings changed since the preset was chosen
inline constexpr QColor statusText{0x33, 0x33, 0x33};     // a status line with news
inline constexpr QColor hintText{0x66, 0x66, 0x66};       // how to use a control, or that nothing is there
inline constexpr QColor secondaryText{0x55, 0x55, 0x55};  // captions; the line under a plot's title
inline constexpr QColor plotLabel{0x44, 0x44, 0x44};      // numbers written on a plot
inline constexpr QColor mutedText{120, 120, 120};         // a table cell that only repeats another's figure
inline constexpr QColor fooledText{0xb0, 0x00, 0x00};     // Inspect: the attack fooled the network
inline constexpr QColor chosenTile{0xd9, 0x6a, 0x1a};     // Inspect: the neuron being changed, framed
inline constexpr QColor silencedMark{0x44, 0x44, 0x44};   // ... a silenced neuron's tile, crossed out

// ── Results against a goal (Universality: the book's challenge, the NAND gate, formulas).
inline constexpr QColor success{0x2e, 0x9e, 0x5b};
inline constexpr QColor failure{0xc0, 0x39, 0x2b};      // missed, wrong, or not a formula
inline constexpr QColor notYet{0xe6, 0x7e, 0x22};       // a gauge still above its goal
inline constexpr QColor notYetText{0xd3, 0x54, 0x00};   // the same, in words
inline constexpr QColor invalidBackground{0xfd, 0xec, 0xea};  // behind an input that does not parse

// ── Boxed notices: a label or banner with its own background and a 1-pixel border.
struct Notice {
    QColor text;  // invalid: the widgets' own text colour
    QColor background;
    QColor border;
};
inline constexpr Notice problemNotice{{0xa0, 0x10, 0x10}, invalidBackground, {0xf5, 0xc2, 0xbd}};  // settings that cannot run
inline constexpr Notice failureNotice{{0x8a, 0x10, 0x10}, invalidBackground, {0xf1, 0xae, 0xb5}};  // a run that diverged
inline constexpr Notice successNotice{{0x0b, 0x3d, 0x1a}, {0xe8, 0xf5, 0xec}, {0xb7, 0xdf, 0xc3}};  // a run that finished
inline constexpr Notice resumeNotice{{}, {0xff, 0xf4, 0xd6}, {0xe6, 0xc4, 0x63}};  // an interrupted run to resume

// ── Plots and diagrams of one view each.
inline constexpr QColor ink{0x22, 0x22, 0x22};            // strokes of the views' icons
inline constexpr QColor frame{0x99, 0x99, 0x99};          // the thin frame around a drawing area
inline constexpr QColor separator{200, 200, 200};         // thin lines between rows and around tiles
inline constexpr QColor guideLine{0x88, 0x88, 0x88};      // a dotted line at a threshold
inline constexpr QColor legendBackground{255, 255, 255, 200};  // a legend over the curves
inline constexpr QColor barFill{0x4a, 0x86, 0xc8};        // bars of a histogram (Data; Universality's icon)
inline constexpr QColor barEdge{0x2b, 0x5d, 0x9c};
// Draw
inline constexpr QColor accent{0xd9, 0x6a, 0x1a};         // the top guess; the ink's box and centre of mass
inline constexpr QColor otherDigits{0x9c, 0xb4, 0xd0};    // the bars of the digits not guessed
// Slowdown
inline constexpr QColor quadraticCost = tab10[0];
inline constexpr QColor crossEntropyCost = tab10[3];
inline constexpr QColor softmaxBars = tab10[0];
// Deep nets: a chain of neurons whose gradient grows, shrinks, or stays as it goes back
inline constexpr QColor explodingGradient{200, 40, 40};
inline constexpr QColor vanishingGradient{40, 90, 200};
inline constexpr QColor steadyGradient{40, 150, 60};
// Universality
inline constexpr QColor network{0x1f, 0x5f, 0xa8};       // the network's curve, its step handles, a perceptron that fires
inline constexpr QColor goal{0x22, 0x22, 0x22};          // the function the network approximates
inline constexpr QColor bumpHeight{0xd3, 0x6b, 0x00};    // a bump's height handle
inline constexpr QColor secondStep{0x8e, 0x44, 0xad};    // the second of two steps
inline constexpr QColor deviation = failure;             // |f − a|, and the book's success threshold
inline constexpr QColor failureWindow{0xe7, 0x4c, 0x3c, 55};  // shaded windows of failure
inline constexpr QColor xEdge{0x5d, 0xad, 0xe2};         // light, so the dashed edges show on the
inline constexpr QColor yEdge{0xc3, 0x9b, 0xd3};         // heat map's dark floor
inline constexpr QColor crossSectionLine{0xd0, 0xd0, 0xd0};
inline constexpr QColor diagramEdge{0x80, 0x80, 0x80};   // the adder's wires
// Backprop: the walk through the network
inline constexpr QColor notComputed{235, 235, 235};      // a neuron the walk has not reached
inline constexpr QColor notComputedStrip{232, 232, 232}; // a strip of values not computed yet
inline constexpr QColor notComputedText{150, 150, 150};
inline constexpr QColor selection{255, 200, 0, 170};     // the halo of the chosen weight or bias
inline constexpr QColor selectionLabel{255, 248, 210};   // behind the chosen parameter's value
inline constexpr QColor currentStep{255, 170, 0};        // around the values the current step computes
inline constexpr QColor litOutline{20, 20, 20};          // neurons the current step reads or writes
inline constexpr QColor unlitOutline{150, 150, 150};
inline constexpr QColor unlitHeader{110, 110, 110};      // a layer's heading, not in the current step
inline constexpr QColor unlitLabel{80, 80, 80};          // a strip's name and scale, not in the current step
inline constexpr QColor diagramLabel{90, 90, 90};        // biases and targets beside the neurons
// Inspect: the confusion matrix
inline constexpr QColor confusionCorrect{170, 220, 170}; // the diagonal
// An off-diagonal cell with `count` of the `largest` mistake count: white (0) to light red (all).
QColor confusionMistake(int count, int largest);

// ── Colours in style sheets and rich text.
QString textStyle(const QColor& colour);                    // "color: #rrggbb;" for a label
QString coloured(const QString& html, const QColor& colour);  // html in a <span> of that colour
// "selector { color; background; border: 1px solid; border-radius: 3px; padding }"; padding < 0: none.
QString noticeStyle(const Notice& notice, const QString& selector, int padding = -1);

}  // namespace palette
