<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.8" tiledversion="1.8.2" name="backstage_tiles" tilewidth="32" tileheight="32" tilecount="8" columns="4">
 <image source="backstage_tiles.png" width="128" height="64"/>
 <tile id="0" type="wall"/>
 <tile id="1" type="stage"/>
 <tile id="2" type="wing"/>
 <tile id="3" type="corridor"/>
 <tile id="4" type="dressing"/>
 <tile id="5" type="storage"/>
 <tile id="6" type="plain"/>
 <tile id="7" type="curtain"/>
</tileset>
