// Predefined XMP schemas that PDF/A-2 and PDF/A-3 accept without an extension schema
// (ISO 19005-2 6.6.2.3.1: the schemas of the XMP Specification 2005 plus PDF/A identification).
// Types are written as in the XMP specification; "Closed Choice" values are enumerated as regular
// expressions because their set is part of the type.

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xml: 'http://www.w3.org/XML/1998/namespace',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  xmpRights: 'http://ns.adobe.com/xap/1.0/rights/',
  xmpMM: 'http://ns.adobe.com/xap/1.0/mm/',
  xmpBJ: 'http://ns.adobe.com/xap/1.0/bj/',
  xmpTPg: 'http://ns.adobe.com/xap/1.0/t/pg/',
  xmpDM: 'http://ns.adobe.com/xmp/1.0/DynamicMedia/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
  tiff: 'http://ns.adobe.com/tiff/1.0/',
  exif: 'http://ns.adobe.com/exif/1.0/',
  aux: 'http://ns.adobe.com/exif/1.0/aux/',
  crs: 'http://ns.adobe.com/camera-raw-settings/1.0/',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  pdfaExtension: 'http://www.aiim.org/pdfa/ns/extension/',
  pdfaSchema: 'http://www.aiim.org/pdfa/ns/schema#',
  pdfaProperty: 'http://www.aiim.org/pdfa/ns/property#',
  pdfaType: 'http://www.aiim.org/pdfa/ns/type#',
  pdfaField: 'http://www.aiim.org/pdfa/ns/field#',
  stDim: 'http://ns.adobe.com/xap/1.0/sType/Dimensions#',
  xmpGImg: 'http://ns.adobe.com/xap/1.0/g/img/',
  stEvt: 'http://ns.adobe.com/xap/1.0/sType/ResourceEvent#',
  stRef: 'http://ns.adobe.com/xap/1.0/sType/ResourceRef#',
  stVer: 'http://ns.adobe.com/xap/1.0/sType/Version#',
  stJob: 'http://ns.adobe.com/xap/1.0/sType/Job#',
  xmpG: 'http://ns.adobe.com/xap/1.0/g/',
  stFnt: 'http://ns.adobe.com/xap/1.0/sType/Font#',
} as const;

/**
 * A field type: a type name, a closed choice given as a pattern over a base type, or an ordered array of simple
 * values each matching a pattern (crs:ToneCurve's points).
 */
export type FieldType = string | { base: string; pattern: RegExp } | { items: RegExp };

export interface StructType {
  ns: string;
  fields: Record<string, FieldType>;
}

const R0_100: RegExp = /^[+]?(\d{1,2}(\.\d*)?|\d{0,2}\.\d+|100(\.0*)?)$/;
const I0_255: RegExp = /^[+]?([01]?\d{1,2}|2[0-4]\d|25[0-5])$/;
const I128: RegExp = /^([+-]?0?\d{1,2}|[+-]?1[01]\d|[+-]?12[0-7]|-128)$/;
const choice = (base: string, ...values: string[]): FieldType => ({
  base,
  pattern: new RegExp(`^(${values.map((v) => v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`),
});

export const STRUCT_TYPES: Record<string, StructType> = {
  dimensions: { ns: NS.stDim, fields: { w: 'Real', h: 'Real', unit: 'Text' } },
  thumbnail: {
    ns: NS.xmpGImg,
    fields: { height: 'Integer', width: 'Integer', image: 'Text', format: choice('Text', 'JPEG') },
  },
  resourceevent: {
    ns: NS.stEvt,
    fields: { action: 'Text', instanceID: 'URI', parameters: 'Text', softwareAgent: 'AgentName', when: 'Date' },
  },
  resourceref: {
    ns: NS.stRef,
    fields: {
      instanceID: 'URI', documentID: 'URI', versionID: 'Text', renditionClass: 'RenditionClass',
      renditionParams: 'Text', manager: 'AgentName', managerVariant: 'Text', manageTo: 'URI', manageUI: 'URI',
    },
  },
  version: {
    ns: NS.stVer,
    fields: { comments: 'Text', event: 'ResourceEvent', modifyDate: 'Date', modifier: 'ProperName', version: 'Text' },
  },
  job: { ns: NS.stJob, fields: { name: 'Text', id: 'Text', url: 'URL' } },
  flash: {
    ns: NS.exif,
    fields: {
      Fired: 'Boolean', Function: 'Boolean', RedEyeMode: 'Boolean',
      Return: { base: 'Integer', pattern: /^[023]$/ }, Mode: { base: 'Integer', pattern: /^[0-3]$/ },
    },
  },
  'oecf/sfr': { ns: NS.exif, fields: { Columns: 'Integer', Rows: 'Integer', Names: 'Seq Text', Values: 'Seq Rational' } },
  cfapattern: { ns: NS.exif, fields: { Columns: 'Integer', Rows: 'Integer', Values: 'Seq Integer' } },
  devicesettings: { ns: NS.exif, fields: { Columns: 'Integer', Rows: 'Integer', Settings: 'Seq Text' } },
  colorant: {
    ns: NS.xmpG,
    fields: {
      swatchName: 'Text', mode: choice('Text', 'CMYK', 'RGB', 'LAB'), type: choice('Text', 'PROCESS', 'SPOT'),
      cyan: { base: 'Real', pattern: R0_100 }, magenta: { base: 'Real', pattern: R0_100 },
      yellow: { base: 'Real', pattern: R0_100 }, black: { base: 'Real', pattern: R0_100 },
      red: { base: 'Integer', pattern: I0_255 }, green: { base: 'Integer', pattern: I0_255 },
      blue: { base: 'Integer', pattern: I0_255 }, L: { base: 'Real', pattern: R0_100 },
      A: { base: 'Integer', pattern: I128 }, B: { base: 'Integer', pattern: I128 },
    },
  },
  font: {
    ns: NS.stFnt,
    fields: {
      fontName: 'Text', fontFamily: 'Text', fontFace: 'Text', fontType: 'Text', versionString: 'Text',
      composite: 'Boolean', fontFileName: 'Text', childFontFiles: 'Seq Text',
    },
  },
  beatsplicestretch: { ns: NS.xmpDM, fields: { useFileBeatsMarker: 'Boolean', riseInDecibel: 'Real', riseInTimeDuration: 'Time' } },
  marker: {
    ns: NS.xmpDM,
    fields: {
      startTime: 'Any', duration: 'Any', comment: 'Text', name: 'Text', location: 'URI', target: 'Text',
      type: choice('Text', 'Chapter', 'Cue', 'Beat', 'Track', 'Index'),
    },
  },
  media: {
    ns: NS.xmpDM,
    fields: { path: 'URI', track: 'Text', startTime: 'Time', duration: 'Time', managed: 'Boolean', webStatement: 'URI' },
  },
  projectlink: { ns: NS.xmpDM, fields: { path: 'URI', type: choice('Text', 'movie', 'still', 'audio', 'custom') } },
  resamplestretch: { ns: NS.xmpDM, fields: { quality: choice('Text', 'High', 'Medium', 'Low') } },
  time: { ns: NS.xmpDM, fields: { value: 'Integer', scale: 'Rational' } },
  timecode: {
    ns: NS.xmpDM,
    fields: {
      timeValue: { base: 'Text', pattern: /^\d{2}((:\d{2}){3}|(;\d{2}){3})$/ },
      timeFormat: {
        base: 'Text',
        pattern: /^(24|25|2997Drop|2997NonDrop|30|50|5994Drop|5994NonDrop|60|23976)Timecode$/,
      },
    },
  },
  timescalestretch: {
    ns: NS.xmpDM,
    fields: { quality: choice('Text', 'High', 'Medium', 'Low'), frameSize: 'Real', frameOverlappingPercentage: 'Real' },
  },
};

const int = (pattern: RegExp): FieldType => ({ base: 'Integer', pattern });
const text = (pattern: RegExp): FieldType => ({ base: 'Text', pattern });

/** namespace → property → type, for PDF/A-2 and PDF/A-3. */
export const PREDEFINED: Record<string, Record<string, FieldType>> = {
  [NS.pdfaid]: { part: 'Integer', amd: 'Text', corr: 'Text', conformance: text(/^[ABU]$/) },
  [NS.dc]: {
    contributor: 'Bag ProperName', coverage: 'Text', creator: 'Seq ProperName', date: 'Seq Date',
    description: 'Lang Alt', format: 'MIMEType', identifier: 'Text', language: 'Bag Locale',
    publisher: 'Bag ProperName', relation: 'Bag Text', rights: 'Lang Alt', source: 'Text', subject: 'Bag Text',
    title: 'Lang Alt', type: 'Bag Text',
  },
  [NS.xmp]: {
    Advisory: 'Bag Text', BaseURL: 'URL', CreateDate: 'Date', CreatorTool: 'AgentName', Identifier: 'Bag Text',
    MetadataDate: 'Date', ModifyDate: 'Date', Nickname: 'Text', Thumbnails: 'Alt Thumbnail', Label: 'Text',
    Rating: 'Real',
  },
  [NS.xmpRights]: { Certificate: 'URL', Marked: 'Boolean', Owner: 'Bag ProperName', UsageTerms: 'Lang Alt', WebStatement: 'URL' },
  [NS.xmpMM]: {
    DerivedFrom: 'ResourceRef', DocumentID: 'URI', History: 'Seq ResourceEvent', InstanceID: 'URI',
    ManagedFrom: 'ResourceRef', Manager: 'AgentName', ManageTo: 'URI', ManageUI: 'URI', ManagerVariant: 'Text',
    RenditionClass: 'RenditionClass', RenditionParams: 'Text', VersionID: 'Text', Versions: 'Seq Version',
    LastURL: 'URL', RenditionOf: 'ResourceRef', SaveID: 'Integer',
  },
  [NS.xmpBJ]: { JobRef: 'Bag Job' },
  [NS.xmpTPg]: {
    MaxPageSize: 'Dimensions', NPages: 'Integer', Fonts: 'Bag Font', Colorants: 'Seq Colorant', PlateNames: 'Seq Text',
  },
  [NS.pdf]: { Keywords: 'Text', PDFVersion: 'Text', Producer: 'AgentName' },
  [NS.photoshop]: {
    AuthorsPosition: 'Text', CaptionWriter: 'ProperName', Category: 'Text', City: 'Text', Country: 'Text',
    Credit: 'Text', DateCreated: 'Date', Headline: 'Text', Instructions: 'Text', Source: 'Text', State: 'Text',
    SupplementalCategories: 'Bag Text', TransmissionReference: 'Text', Urgency: 'Integer',
  },
  [NS.tiff]: {
    ImageWidth: 'Integer', ImageLength: 'Integer', BitsPerSample: 'Seq Integer', SamplesPerPixel: 'Integer',
    XResolution: 'Rational', YResolution: 'Rational', TransferFunction: 'Seq Integer', WhitePoint: 'Seq Rational',
    PrimaryChromaticities: 'Seq Rational', YCbCrCoefficients: 'Seq Rational', ReferenceBlackWhite: 'Seq Rational',
    DateTime: 'Date', ImageDescription: 'Lang Alt', Make: 'ProperName', Model: 'ProperName', Software: 'AgentName',
    Artist: 'ProperName', Copyright: 'Lang Alt', Compression: int(/^[16]$/), PhotometricInterpretation: int(/^[26]$/),
    Orientation: int(/^[1-8]$/), PlanarConfiguration: int(/^[12]$/), YCbCrPositioning: int(/^[12]$/),
    ResolutionUnit: int(/^[23]$/), YCbCrSubSampling: 'Seq Integer',
  },
  [NS.exif]: {
    CompressedBitsPerPixel: 'Rational', PixelXDimension: 'Integer', PixelYDimension: 'Integer', UserComment: 'Lang Alt',
    RelatedSoundFile: 'Text', DateTimeOriginal: 'Date', DateTimeDigitized: 'Date', ExposureTime: 'Rational',
    FNumber: 'Rational', SpectralSensitivity: 'Text', ISOSpeedRatings: 'Seq Integer', OECF: 'OECF/SFR',
    ShutterSpeedValue: 'Rational', ApertureValue: 'Rational', BrightnessValue: 'Rational', ExposureBiasValue: 'Rational',
    MaxApertureValue: 'Rational', SubjectDistance: 'Rational', Flash: 'Flash', FocalLength: 'Rational',
    SubjectArea: 'Seq Integer', FlashEnergy: 'Rational', SpatialFrequencyResponse: 'OECF/SFR',
    FocalPlaneXResolution: 'Rational', FocalPlaneYResolution: 'Rational', SubjectLocation: 'Seq Integer',
    ExposureIndex: 'Rational', CFAPattern: 'CFAPattern', DigitalZoomRatio: 'Rational', FocalLengthIn35mmFilm: 'Integer',
    DeviceSettingDescription: 'DeviceSettings', ImageUniqueID: 'Text', GPSVersionID: 'Text',
    GPSLatitude: 'GPSCoordinate', GPSLongitude: 'GPSCoordinate', GPSAltitude: 'Rational', GPSTimeStamp: 'Date',
    GPSSatellites: 'Text', GPSDOP: 'Rational', GPSSpeed: 'Rational', GPSTrack: 'Rational', GPSImgDirection: 'Rational',
    GPSMapDatum: 'Text', GPSDestLatitude: 'GPSCoordinate', GPSDestLongitude: 'GPSCoordinate', GPSDestBearing: 'Rational',
    GPSDestDistance: 'Rational', GPSProcessingMethod: 'Text', GPSAreaInformation: 'Text', ExifVersion: 'Text',
    FlashpixVersion: 'Text', GPSMeasureMode: 'Text', ComponentsConfiguration: 'Seq Integer',
    ExposureProgram: int(/^[0-8]$/), MeteringMode: int(/^([0-6]|255)$/), FocalPlaneResolutionUnit: int(/^[23]$/),
    SensingMethod: int(/^[1-8]$/), FileSource: int(/^3$/), SceneType: int(/^1$/), CustomRendered: int(/^[01]$/),
    ExposureMode: int(/^[0-2]$/), WhiteBalance: int(/^[01]$/), SceneCaptureType: int(/^[0-3]$/),
    GainControl: int(/^[0-4]$/), Contrast: int(/^[0-2]$/), Saturation: int(/^[0-2]$/), Sharpness: int(/^[0-2]$/),
    SubjectDistanceRange: int(/^[0-3]$/), GPSAltitudeRef: int(/^[01]$/), GPSStatus: text(/^[AV]$/),
    GPSSpeedRef: text(/^[KMN]$/), GPSTrackRef: text(/^[TM]$/), GPSImgDirectionRef: text(/^[TM]$/),
    GPSDestBearingRef: text(/^[TM]$/), GPSDestDistanceRef: text(/^[KMN]$/), GPSDifferential: int(/^[01]$/),
    ColorSpace: int(/^(1|65535)$/), LightSource: int(/^([0-4]|9|1[0-5]|1[7-9]|2[0-4]|255)$/),
  },
  [NS.aux]: { Lens: 'Text', SerialNumber: 'Text' },
  [NS.crs]: {
    AutoBrightness: 'Boolean', AutoContrast: 'Boolean', AutoExposure: 'Boolean', AutoShadows: 'Boolean',
    BlueHue: 'Integer', BlueSaturation: 'Integer', Brightness: 'Integer', CameraProfile: 'Text',
    ChromaticAberrationB: 'Integer', ChromaticAberrationR: 'Integer', ColorNoiseReduction: 'Integer',
    Contrast: 'Integer', CropTop: 'Real', CropLeft: 'Real', CropBottom: 'Real', CropRight: 'Real', CropAngle: 'Real',
    CropWidth: 'Real', CropHeight: 'Real', CropUnits: 'Integer', Exposure: 'Real', GreenHue: 'Integer',
    GreenSaturation: 'Integer', HasCrop: 'Boolean', HasSettings: 'Boolean', LuminanceSmoothing: 'Integer',
    RawFileName: 'Text', RedHue: 'Integer', RedSaturation: 'Integer', Saturation: 'Integer', Shadows: 'Integer',
    ShadowTint: 'Integer', Sharpness: 'Integer', Temperature: 'Integer', Tint: 'Integer', ToneCurveName: 'Text',
    Version: 'Text', VignetteAmount: 'Integer', VignetteMidpoint: 'Integer',
    WhiteBalance: text(/^(As Shot|Auto|Daylight|Cloudy|Shade|Tungsten|Fluorescent|Flash|Custom)$/),
    ToneCurve: { items: /^\([+-]?\d+, [+-]?\d+\)$/ },
  },
  [NS.xmpDM]: {
    projectRef: 'ProjectLink', videoFrameRate: 'Text', videoFrameSize: 'Dimensions', videoPixelAspectRatio: 'Rational',
    videoAlphaUnityIsTransparent: 'Boolean', videoAlphaPremultipleColor: 'Colorant', videoCompressor: 'Text',
    audioSampleRate: 'Integer', audioCompressor: 'Text', speakerPlacement: 'Text', fileDataRate: 'Rational',
    tapeName: 'Text', altTapeName: 'Text', startTimecode: 'Timecode', altTimecode: 'Timecode', duration: 'Time',
    scene: 'Text', shotName: 'Text', shotDate: 'Date', shotLocation: 'Text', logComment: 'Text',
    markers: 'Seq Marker', contributedMedia: 'Bag Media', absPeakAudioFilePath: 'URI', relativePeakAudioFilePath: 'URI',
    videoModDate: 'Date', audioModDate: 'Date', metadataModDate: 'Date', artist: 'Text', album: 'Text',
    trackNumber: 'Integer', genre: 'Text', copyright: 'Text', releaseDate: 'Date', composer: 'Text', engineer: 'Text',
    tempo: 'Real', instrument: 'Text', introTime: 'Time', outCue: 'Time', relativeTimestamp: 'Time', loop: 'Boolean',
    numberOfBeats: 'Real', timeScaleParams: 'TimeScaleStretch', resampleParams: 'ResampleStretch',
    beatSpliceParams: 'BeatSpliceStretch',
    videoPixelDepth: text(/^(8Int|16Int|32Int|32Float)$/), videoColorSpace: text(/^(sRGB|CCIR-601|CCIR-709)$/),
    videoAlphaMode: text(/^(straight|pre-multiplied)$/), videoFieldOrder: text(/^(Upper|Lower|Progressive)$/),
    pullDown: text(/^(WSSWW|SSWWW|SWWWS|WWWSS|WWSSW)(_24p)?$/), audioSampleType: text(/^(8Int|16Int|32Int|32Float)$/),
    audioChannelType: text(/^(Mono|Stereo|5\.1|7\.1)$/), key: text(/^([ACDFG]#?|[BE])$/),
    stretchMode: text(/^(Fixed length|Time-Scale|Resample|Beat Splice|Hybrid)$/),
    timeSignature: text(/^([2-57]\/4|[69]\/8|12\/8|other)$/), scaleType: text(/^(Major|Minor|Both|Neither)$/),
  },
};

/** Closed choices of whole arrays (XMP 2005: tiff:YCbCrSubSampling, exif:ComponentsConfiguration). */
export const SEQ_CHOICES: Record<string, string[][]> = {
  [`${NS.tiff}YCbCrSubSampling`]: [['2', '1'], ['2', '2']],
  [`${NS.exif}ComponentsConfiguration`]: [['4', '5', '6', '0'], ['1', '2', '3', '0']],
};
