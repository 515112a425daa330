// Exports the ABI version but no `mltrend_plugin` descriptor, as a plugin
// would that forgot its MLTREND_REGISTER_* line.

#include "mltrend/plugin.hpp"

MLTREND_DETAIL_EXPORT_ABI
