//! A STIX 2.1 bundle as briefings.
