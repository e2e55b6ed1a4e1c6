// book_link.h — where a section of the book lives online: its chapter's page and the section's
// anchor, as the book's own table of contents links it (chapN.html#anchor).
#pragma once

#include <string>
#include <string_view>

namespace nnlab {

inline constexpr std::string_view kBookSite = "http://neuralnetworksanddeeplearning.com";

// http://neuralnetworksanddeeplearning.com/chap3.html#regularization; the chapter's page alone
// when the anchor is empty.
inline std::string bookUrl(int chapter, std::string_view anchor = {})
{
    // Appended piece by piece: GCC 12 warns (-Wrestrict) about string + string chains here.
    std::string url(kBookSite);
    url += "/chap";
    url += std::to_string(chapter);
    url += ".html";
    if (!anchor.empty()) {
        url += '#';
        url += anchor;
    }
    return url;
}

}  // namespace nnlab
