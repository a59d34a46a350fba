package geo

// KeyAliases is keyAliases, for the tests of package geo_test.
var KeyAliases = keyAliases
