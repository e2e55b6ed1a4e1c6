// weight_picture.h — a neuron's incoming weights (core/draw/hidden_activity.h's weightImage) as
// a picture, in the colours the Inspect and Convnets views give weights.
#pragma once

#include <Eigen/Core>

#include <QImage>

// One pixel per weight: blue below 0, red above, white at 0, full colour at the picture's own
// largest |w| (so a tile shows its neuron's pattern, whatever the size of its weights); cells
// that are no input (NaN) in the separators' grey.
QImage weightPicture(const Eigen::MatrixXf& weights);

// The largest |w| of a weight image, ignoring the NaN cells: the scale weightPicture() uses.
float weightPictureScale(const Eigen::MatrixXf& weights);
