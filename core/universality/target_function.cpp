#include "core/universality/target_function.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <charconv>
#include <limits>
#include <numbers>

namespace nnlab::universality {

double bookFunction(double x)
{
    return 0.2 + 0.4 * x * x + 0.3 * x * std::sin(15.0 * x) + 0.05 * std::cos(50.0 * x);
}

// ---- the formula tree ----------------------------------------------------------------------

struct FormulaNode {
    enum class Kind { Number, X, Y, Add, Subtract, Multiply, Divide, Power, Negate, Call };
    Kind kind = Kind::Number;
    double value = 0.0;
    double (*function)(double) = nullptr;  // for Call
    std::shared_ptr<const FormulaNode> left, right;

    double evaluate(double x, double y) const
    {
        switch (kind) {
        case Kind::Number: return value;
        case Kind::X: return x;
        case Kind::Y: return y;
        case Kind::Add: return left->evaluate(x, y) + right->evaluate(x, y);
        case Kind::Subtract: return left->evaluate(x, y) - right->evaluate(x, y);
        case Kind::Multiply: return left->evaluate(x, y) * right->evaluate(x, y);
        case Kind::Divide: return left->evaluate(x, y) / right->evaluate(x, y);
        case Kind::Power: return std::pow(left->evaluate(x, y), right->evaluate(x, y));
        case Kind::Negate: return -left->evaluate(x, y);
        case Kind::Call: return function(left->evaluate(x, y));
        }
        return 0.0;
    }
};

namespace {

using Node = std::shared_ptr<const FormulaNode>;

struct FunctionEntry {
    const char* name;
    double (*function)(double);
};

constexpr FunctionEntry functions[] = {
    {"sin", [](double v) { return std::sin(v); }},   {"cos", [](double v) { return std::cos(v); }},
    {"tan", [](double v) { return std::tan(v); }},   {"exp", [](double v) { return std::exp(v); }},
    {"log", [](double v) { return std::log(v); }},   {"ln", [](double v) { return std::log(v); }},
    {"sqrt", [](double v) { return std::sqrt(v); }}, {"abs", [](double v) { return std::abs(v); }},
    {"tanh", [](double v) { return std::tanh(v); }},
};

Node makeNode(FormulaNode::Kind kind, Node left = {}, Node right = {})
{
    auto node = std::make_shared<FormulaNode>();
    node->kind = kind;
    node->left = std::move(left);
    node->right = std::move(right);
    return node;
}

Node makeNumber(double value)
{
    auto node = std::make_shared<FormulaNode>();
    node->value = value;
    return node;
}

struct ParseError {
    std::string message;
    size_t position;
};

// Recursive descent over the grammar
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*
//   unary   := ('-' | '+') unary | power
//   power   := atom ('^' unary)?            (right-associative; −x^2 = −(x²), 2^−1 = 0.5)
//   atom    := number | name | name '(' sum ')' | '(' sum ')'
class Parser {
public:
    Parser(const std::string& text, bool allowY) : m_text(text), m_allowY(allowY) {}

    Node parseAll()
    {
        skipSpaces();
        if (m_pos == m_text.size())
            throw ParseError{"the formula is empty: type an expression in x, e.g. 0.5 + 0.3*sin(6*x)", 0};
        Node root = sum();
        skipSpaces();
        if (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == ')')
                throw ParseError{"unmatched ')'", m_pos};
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '(')
                throw ParseError{"missing operator before '" + std::string(1, c) + "' (write 2*x, not 2x)",
                                 m_pos};
            throw ParseError{"unexpected '" + std::string(1, c) + "'", m_pos};
        }
        return root;
    }

private:
    Node sum()
    {
        Node left = product();
        for (;;) {
            skipSpaces();
            if (accept('+'))
                left = makeNode(FormulaNode::Kind::Add, left, product());
            else if (accept('-'))
                left = makeNode(FormulaNode::Kind::Subtract, left, product());
            else
                return left;
        }
    }

    Node product()
    {
        Node left = unary();
        for (;;) {
            skipSpaces();
            if (accept('*'))
                left = makeNode(FormulaNode::Kind::Multiply, left, unary());
            else if (accept('/'))
                left = makeNode(FormulaNode::Kind::Divide, left, unary());
            else
                return left;
        }
    }

    Node unary()
    {
        skipSpaces();
        if (accept('-'))
            return makeNode(FormulaNode::Kind::Negate, unary());
        if (accept('+'))
            return unary();
        return power();
    }

    Node power()
    {
        Node base = atom();
        skipSpaces();
        if (accept('^'))
            return makeNode(FormulaNode::Kind::Power, base, unary());
        return base;
    }

    Node atom()
    {
        skipSpaces();
        if (m_pos == m_text.size())
            throw ParseError{"the formula ends too early: a number, x or '(' is missing", m_pos};
        const char c = m_text[m_pos];
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.')
            return number();
        if (std::isalpha(static_cast<unsigned char>(c)))
            return name();
        if (accept('(')) {
            const size_t open = m_pos - 1;
            Node inside = sum();
            skipSpaces();
            if (!accept(')'))
                throw ParseError{"missing ')' for the '(' here", open};
            return inside;
        }
        throw ParseError{"unexpected '" + std::string(1, c) + "'", m_pos};
    }

    Node number()
    {
        const size_t start = m_pos;
        while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            ++m_pos;
            while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
                ++m_pos;
        }
        // An exponent only when digits follow ("1e-3"); otherwise the 'e' is the constant.
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            size_t p = m_pos + 1;
            if (p < m_text.size() && (m_text[p] == '+' || m_text[p] == '-'))
                ++p;
            if (p < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[p]))) {
                m_pos = p;
                while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
                    ++m_pos;
            }
        }
        const std::string digits = m_text.substr(start, m_pos - start);
        if (digits == ".")
            throw ParseError{"'.' is not a number", start};
        // from_chars: independent of the C locale (Qt sets it from the environment).
        double value = 0.0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (error == std::errc::result_out_of_range)  // 1e999 overflows to inf, 1e-999 to 0
            value = digits.find_first_of("eE") != std::string::npos &&
                            digits.find('-') != std::string::npos
                        ? 0.0
                        : std::numeric_limits<double>::infinity();
        else if (error != std::errc() || end != digits.data() + digits.size())
            throw ParseError{"'" + digits + "' is not a number", start};
        return makeNumber(value);
    }

    Node name()
    {
        const size_t start = m_pos;
        while (m_pos < m_text.size() && std::isalnum(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
        std::string word = m_text.substr(start, m_pos - start);
        std::transform(word.begin(), word.end(), word.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (word == "x")
            return makeNode(FormulaNode::Kind::X);
        if (word == "y") {
            if (!m_allowY)
                throw ParseError{"this target has one input: use x, not y", start};
            return makeNode(FormulaNode::Kind::Y);
        }
        if (word == "pi")
            return makeNumber(std::numbers::pi);
        if (word == "e")
            return makeNumber(std::numbers::e);
        for (const FunctionEntry& entry : functions) {
            if (word != entry.name)
                continue;
            skipSpaces();
            if (!accept('('))
                throw ParseError{word + " needs its argument in parentheses: " + word + "(x)", m_pos};
            const size_t open = m_pos - 1;
            auto call = std::make_shared<FormulaNode>();
            call->kind = FormulaNode::Kind::Call;
            call->function = entry.function;
            call->left = sum();
            skipSpaces();
            if (!accept(')'))
                throw ParseError{"missing ')' for the '(' here", open};
            return call;
        }
        throw ParseError{"unknown name '" + word + "' (use x" + std::string(m_allowY ? ", y" : "") +
                             ", pi, e, sin, cos, tan, exp, log, sqrt, abs, tanh)",
                         start};
    }

    bool accept(char c)
    {
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    void skipSpaces()
    {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
    }

    const std::string& m_text;
    bool m_allowY;
    size_t m_pos = 0;
};

constexpr size_t maxFormulaLength = 1000;  // deep nesting must not exhaust the stack

}  // namespace

Formula::Formula(std::shared_ptr<const FormulaNode> root, std::string text)
    : m_root(std::move(root)), m_text(std::move(text))
{
}

Formula::Result Formula::parse(const std::string& text, bool allowY)
{
    Result result;
    if (text.size() > maxFormulaLength) {
        result.error = "the formula is too long (at most 1000 characters)";
        result.column = 1;
        return result;
    }
    try {
        Parser parser(text, allowY);
        Node root = parser.parseAll();
        result.formula = std::shared_ptr<const Formula>(new Formula(std::move(root), text));
    } catch (const ParseError& e) {
        result.error = e.message;
        result.column = static_cast<int>(e.position) + 1;
    }
    return result;
}

double Formula::operator()(double x, double y) const
{
    return m_root->evaluate(x, y);
}

// ---- a drawn curve -------------------------------------------------------------------------

SampledCurve::SampledCurve(int count, const Function1D& initial)
    : m_values(static_cast<size_t>(std::max(count, 2)), 0.5)
{
    if (initial)
        for (size_t i = 0; i < m_values.size(); ++i)
            m_values[i] = initial(static_cast<double>(i) / static_cast<double>(m_values.size() - 1));
}

double SampledCurve::operator()(double x) const
{
    const double last = static_cast<double>(m_values.size() - 1);
    const double t = std::clamp(x, 0.0, 1.0) * last;
    const size_t i = std::min(static_cast<size_t>(t), m_values.size() - 2);
    const double f = t - static_cast<double>(i);
    return m_values[i] * (1.0 - f) + m_values[i + 1] * f;
}

void SampledCurve::drawSegment(double x0, double y0, double x1, double y1)
{
    if (x1 < x0) {
        std::swap(x0, x1);
        std::swap(y0, y1);
    }
    const double last = static_cast<double>(m_values.size() - 1);
    const long from = std::lround(std::clamp(x0, 0.0, 1.0) * last);
    const long to = std::lround(std::clamp(x1, 0.0, 1.0) * last);
    for (long i = from; i <= to; ++i) {
        const double x = static_cast<double>(i) / last;
        const double t = x1 > x0 ? std::clamp((x - x0) / (x1 - x0), 0.0, 1.0) : 1.0;
        m_values[static_cast<size_t>(i)] = y0 + t * (y1 - y0);
    }
}

}  // namespace nnlab::universality
