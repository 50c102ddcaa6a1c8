//! The window face of the app: what a person gets when they double-click it. The same steps as
//! the terminal ([`crate::session`]), drawn with egui (eframe, OpenGL through glow) and exposed
//! to screen readers through AccessKit. Why egui: docs/architecture.md, "The signing app".

mod app;
pub mod desktop;
mod picker;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

pub use app::{Screen, SignerApp};
pub use picker::{FilePicker, Picked};

use crate::text::Lang;

/// What the command line may set for the window (development and tests; a person passes none).
#[derive(Debug, Clone, Default)]
pub struct GuiOptions {
    pub server: String,
    pub lang: Lang,
    /// PKCS#11 modules to use instead of the installed common middleware.
    pub pkcs11_modules: Vec<PathBuf>,
    /// A `.p12` file to offer in the file field.
    pub p12: Option<PathBuf>,
    /// The dialog behind "Dosya seç…" (the system's; tests put their own).
    pub file_picker: FilePicker,
    /// Save a PNG of the first screen here and close (the Xvfb stage of scripts/test).
    pub screenshot: Option<PathBuf>,
}

/// Opens the window and returns when it is closed.
pub fn run(options: GuiOptions) -> Result<(), eframe::Error> {
    if options.screenshot.is_none() {
        desktop::install();
    }
    let native = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("e-İmza Uygulaması — Kamu SM")
            .with_app_id("eimza-uygulamasi")
            .with_inner_size([720.0, 620.0])
            .with_min_inner_size([480.0, 420.0]),
        // OpenGL 2+ through Mesa's software renderer works where there is no GPU (Xvfb, VMs).
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "eimza-uygulamasi",
        native,
        Box::new(move |cc| {
            let screenshot = options.screenshot.clone();
            let app = SignerApp::new(&cc.egui_ctx, options);
            Ok(Box::new(Window {
                app,
                screenshot,
                frames: 0,
            }))
        }),
    )
}

/// The eframe shell around [`SignerApp`]: the screenshot for the Xvfb proof lives here, the
/// screens in the app (which the headless tests drive without eframe).
struct Window {
    app: SignerApp,
    screenshot: Option<PathBuf>,
    frames: u32,
}

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
        self.frames = self.frames.saturating_add(1);
        // The third frame: fonts are loaded and the layout has settled.
        if self.frames == 3 {
            if let Some(path) = self.screenshot.take() {
                let ctx = ui.ctx().clone();
                ui.ctx().request_screenshot(move |image| {
                    if let Err(error) = save_png(&path, &image) {
                        eprintln!("screenshot {}: {error}", path.display());
                        // A test's proof that failed: the run must fail, not close quietly.
                        std::process::exit(1);
                    }
                    println!("screenshot: {}", path.display());
                    ctx.send_viewport_cmd(eframe::egui::ViewportCommand::Close);
                    ctx.request_repaint();
                });
            }
        }
        if self.frames < 3 {
            ui.ctx().request_repaint();
        }
    }
}

fn save_png(path: &std::path::Path, image: &Arc<eframe::egui::ColorImage>) -> Result<(), String> {
    // A window that draws nothing (no OpenGL, a broken renderer) gives one colour.
    let colours: std::collections::HashSet<_> = image.pixels.iter().take(1 << 20).collect();
    if colours.len() < 4 {
        return Err(format!("the window is blank ({} colours)", colours.len()));
    }
    let file = std::fs::File::create(path).map_err(|e| e.to_string())?;
    let [width, height] = image.size;
    let mut encoder = png::Encoder::new(
        std::io::BufWriter::new(file),
        u32::try_from(width).map_err(|e| e.to_string())?,
        u32::try_from(height).map_err(|e| e.to_string())?,
    );
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(image.as_raw())
        .map_err(|e| e.to_string())
}
