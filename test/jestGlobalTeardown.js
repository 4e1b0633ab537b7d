module.exports = require('./jestTempRoot').teardown;
