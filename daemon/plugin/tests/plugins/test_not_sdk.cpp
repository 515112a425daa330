// A shared library that is no mltrend plugin at all: it exports a function
// but neither the ABI version nor a descriptor.

#include <boost/config.hpp>

extern "C" BOOST_SYMBOL_EXPORT int mltrend_test_unrelated() { return 42; }
