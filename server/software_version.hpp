// The release of this build (the project version in CMakeLists.txt).
#pragma once

namespace hindsight::server {

const char* software_version();

}  // namespace hindsight::server
