#[cfg(not(feature = "build-flac"))]
fn main() {
    println!("cargo:rustc-link-lib=FLAC");
}

#[cfg(feature = "build-flac")]
fn main() {
    let mut flac_config = cmake::Config::new("flac");
    flac_config
        .define("BUILD_CXXLIBS", "OFF")
        .define("BUILD_PROGRAMS", "OFF")
        .define("BUILD_EXAMPLES", "OFF")
        .define("BUILD_TESTING", "OFF")
        .define("BUILD_DOCS", "OFF")
        .define("INSTALL_MANPAGES", "OFF")
        .define("INSTALL_PKGCONFIG_MODULES", "OFF")
        .define("INSTALL_CMAKE_CONFIG_MODULE", "OFF");

    if cfg!(feature = "build-ogg") {
        let ogg_path = cmake::Config::new("ogg")
            .define("BUILD_SHARED_LIBS", "OFF")
            .define("INSTALL_DOCS", "OFF")
            .define("INSTALL_PKG_CONFIG_MODULE", "OFF")
            .define("INSTALL_CMAKE_PACKAGE_MODULE", "OFF")
            .build();
        println!("cargo:rustc-link-search=native={}/lib", ogg_path.display());
        // This path is used on 64 bit Fedora 33:
        println!(
            "cargo:rustc-link-search=native={}/lib64",
            ogg_path.display()
        );
        println!("cargo:rustc-link-lib=static=ogg");

        flac_config.define("CMAKE_PREFIX_PATH", ogg_path);
        flac_config.define("WITH_OGG", "ON");
    } else {
        flac_config.define("WITH_OGG", "OFF");
    };

    // flacarray: FLACARRAY_LIBFLAC_CC names the C compiler for libFLAC alone (PATCHES.md,
    // change 7): the wheel is linked by zig for old glibc, but libFLAC's encoder decisions
    // follow how the compiler reassociates its floating-point sums, and GCC's give Python
    // flacarray's bytes. CMake's project() also checks a C++ compiler:
    // FLACARRAY_LIBFLAC_CXX, by default `c++`.
    println!("cargo:rerun-if-env-changed=FLACARRAY_LIBFLAC_CC");
    println!("cargo:rerun-if-env-changed=FLACARRAY_LIBFLAC_CXX");
    if let Ok(cc) = std::env::var("FLACARRAY_LIBFLAC_CC") {
        let cxx = std::env::var("FLACARRAY_LIBFLAC_CXX").unwrap_or_else(|_| "c++".into());
        // A toolchain file of our own, so that one a cross-linker set for the target (such
        // as cargo-zigbuild's) does not choose the compilers instead.
        let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
        let toolchain = out.join("flacarray-libflac-cc.cmake");
        let text = format!("set(CMAKE_C_COMPILER \"{cc}\")\nset(CMAKE_CXX_COMPILER \"{cxx}\")\n");
        std::fs::write(&toolchain, text).expect("OUT_DIR is writable");
        flac_config.define("CMAKE_TOOLCHAIN_FILE", &toolchain);
        // A build folder of its own: CMake keeps the compiler a folder was first configured
        // with, so one made before (by the target's toolchain) would silently stay.
        flac_config.out_dir(out.join("libflac-own-cc"));
        let (mut c_cfg, mut cxx_cfg) = (cc::Build::new(), cc::Build::new());
        c_cfg.compiler(cc);
        cxx_cfg.cpp(true).compiler(cxx);
        flac_config.init_c_cfg(c_cfg).init_cxx_cfg(cxx_cfg);
    }

    let flac_path = flac_config.build_target("FLAC").build();
    if std::env::var("TARGET")
        .expect("TARGET is defined by rustc")
        .contains("msvc")
    {
        println!(
            "cargo:rustc-link-search=native={}/build/src/libFLAC/{}",
            flac_path.display(),
            flac_config.get_profile()
        );
    } else {
        println!(
            "cargo:rustc-link-search=native={}/build/src/libFLAC",
            flac_path.display()
        );
    }
    println!("cargo:rustc-link-lib=static=FLAC");
}
