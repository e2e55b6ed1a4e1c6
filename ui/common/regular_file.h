// regular_file.h — the GUI's side of core/io/file_kind.h: why a path the user chose can't be read
// as a file, or "" when it can. Qt's resources (":/models/...", the built-in networks) are not on
// the disk and always pass.
#pragma once

#include "core/io/file_kind.h"

#include <QString>

inline QString whyNotARegularFile(const QString& path)
{
    if (path.startsWith(':'))
        return {};
    return QString::fromStdString(nnlab::whyNotARegularFile(path.toStdString()));
}
