// percent_text.h — a probability as a percentage that never claims more than it shows.
//
// A softmax output of 0.99996 printed with one decimal reads "100.0%", as if the network were
// certain; 0.00004 reads "0.0%", as if a class were impossible. Wherever a probability is printed
// (the Draw view's guess and bars, the gallery of mistakes) it goes through here instead.
#pragma once

#include <QString>

// p in [0, 1] as "87.3%"; a value that would print as 100 reads "> 99.9%" and one that would print
// as 0 reads "< 0.1%" (with `decimals` = 0: "> 99%", "< 1%").
QString percentText(double p, int decimals = 1);
