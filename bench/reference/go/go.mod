module example.com/benchref

go 1.21

require example.com/benchpkg v0.0.0

replace example.com/benchpkg => ../../gopkg
