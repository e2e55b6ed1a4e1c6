// book_anchors.h — every section anchor of the book's six chapters (<h3>/<h4><a name="…">),
// read from the book's own pages (github.com/mnielsen/nnadl_site, commit d7cd90c, chapN.html),
// exercises and problems left out. Tests check nnlab's links against this list, so a link
// can't point at a section the book doesn't have.
#pragma once

#include <QString>

#include <algorithm>
#include <iterator>

struct BookAnchor {
    int chapter;
    const char* anchor;
};

inline constexpr BookAnchor kBookAnchors[] = {
    {1, "perceptrons"},
    {1, "sigmoid_neurons"},
    {1, "the_architecture_of_neural_networks"},
    {1, "a_simple_network_to_classify_handwritten_digits"},
    {1, "learning_with_gradient_descent"},
    {1, "implementing_our_network_to_classify_digits"},
    {1, "toward_deep_learning"},
    {2, "warm_up_a_fast_matrix-based_approach_to_computing_the_output_from_a_neural_network"},
    {2, "the_two_assumptions_we_need_about_the_cost_function"},
    {2, "the_hadamard_product_$s_\\odot_t$"},
    {2, "the_four_fundamental_equations_behind_backpropagation"},
    {2, "proof_of_the_four_fundamental_equations_(optional)"},
    {2, "the_backpropagation_algorithm"},
    {2, "the_code_for_backpropagation"},
    {2, "in_what_sense_is_backpropagation_a_fast_algorithm"},
    {2, "backpropagation_the_big_picture"},
    {3, "the_cross-entropy_cost_function"},
    {3, "introducing_the_cross-entropy_cost_function"},
    {3, "using_the_cross-entropy_to_classify_mnist_digits"},
    {3, "what_does_the_cross-entropy_mean_where_does_it_come_from"},
    {3, "softmax"},
    {3, "overfitting_and_regularization"},
    {3, "regularization"},
    {3, "why_does_regularization_help_reduce_overfitting"},
    {3, "other_techniques_for_regularization"},
    {3, "weight_initialization"},
    {3, "handwriting_recognition_revisited_the_code"},
    {3, "how_to_choose_a_neural_network's_hyper-parameters"},
    {3, "other_techniques"},
    {3, "variations_on_stochastic_gradient_descent"},
    {3, "other_models_of_artificial_neuron"},
    {3, "on_stories_in_neural_networks"},
    {4, "two_caveats"},
    {4, "universality_with_one_input_and_one_output"},
    {4, "many_input_variables"},
    {4, "extension_beyond_sigmoid_neurons"},
    {4, "fixing_up_the_step_functions"},
    {4, "conclusion"},
    {5, "the_vanishing_gradient_problem"},
    {5, "what's_causing_the_vanishing_gradient_problem_unstable_gradients_in_deep_neural_nets"},
    {5, "unstable_gradients_in_more_complex_networks"},
    {5, "other_obstacles_to_deep_learning"},
    {6, "introducing_convolutional_networks"},
    {6, "convolutional_neural_networks_in_practice"},
    {6, "the_code_for_our_convolutional_networks"},
    {6, "recent_progress_in_image_recognition"},
    {6, "other_approaches_to_deep_neural_nets"},
    {6, "on_the_future_of_neural_networks"},
};

// Whether `url` is http://neuralnetworksanddeeplearning.com/chapN.html#anchor for one of them.
inline bool isBookSectionUrl(const QString& url)
{
    return std::any_of(std::begin(kBookAnchors), std::end(kBookAnchors), [&url](const BookAnchor& a) {
        return url == QString("http://neuralnetworksanddeeplearning.com/chap%1.html#%2").arg(a.chapter).arg(a.anchor);
    });
}
